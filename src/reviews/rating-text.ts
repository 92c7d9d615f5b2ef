/**
 * How ratings read on a page, in one place: the product's average, the shop card and each
 * review say it the same way. Pure, so the words are unit-tested on their own.
 */

/** The contract's "4.3 out of 5": the stored average (a decimal string such as "4.3333") to one decimal. */
export function oneDecimal(average: string | null | undefined): string {
  const match = /^(\d+)(?:\.(\d{0,4})\d*)?$/.exec(average ?? '');
  if (!match) return '';
  // In ten-thousandths, as integers: a rating never passes through a float. Half rounds up.
  const tenThousandths = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  const tenths = Math.floor((tenThousandths + 500) / 1000);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** "1 review", "27 reviews", "1,234 reviews". */
export function reviewCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'review' : 'reviews'}`;
}

/** ★★★★☆ for 4: drawn beside the words "4 out of 5", hidden from screen readers (they read the words). */
export function stars(rating: number): string {
  const whole = Math.min(Math.max(Math.round(rating), 0), 5);
  return '★'.repeat(whole) + '☆'.repeat(5 - whole);
}

/** Why someone sees no form (and gets 403 when posting anyway). */
export const ONLY_BUYERS = 'Only customers who bought this product can review it.';

export const REVIEW_MESSAGES = {
  posted: 'Thank you: your review is posted.',
  replaced: 'Your review is updated.',
  hidden: 'Review hidden: it no longer counts in the average.',
  shown: 'Review shown again: it counts in the average.',
} as const;
