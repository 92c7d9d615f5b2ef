/**
 * What the buyer saw on the checkout page, written into the form: every line as
 * `productId×quantity@priceInCents`. Checkout compares it with the cart and prices it finds
 * when it places the order, so nobody is charged for lines or prices they were not shown.
 */
export interface SignedLine {
  productId: number;
  quantity: number;
  price: number;
}

export function cartSignature(lines: SignedLine[]): string {
  return [...lines]
    .sort((a, b) => a.productId - b.productId)
    .map((line) => `${line.productId}x${line.quantity}@${line.price}`)
    .join(',');
}

/** The signature without prices: which products, how many of each. */
export function cartComposition(signature: string): string {
  return signature.replace(/@\d+/g, '');
}

/** How the cart moved since the buyer saw it: its lines (`cartChanged`), or only its prices. */
export interface CartMoved {
  cartChanged: boolean;
}

/**
 * Compares what the form was shown (`expected`) with the cart now (`current`). An empty
 * current cart is not a move to report: the page says the cart is empty instead.
 */
export function movedSince(expected: string | undefined, current: string): CartMoved | undefined {
  if (expected === current || current === '') return undefined;
  return { cartChanged: cartComposition(expected ?? '') !== cartComposition(current) };
}
