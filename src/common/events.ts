/**
 * Events announced to the page with HX-Trigger (see `trigger` in htmx.ts). Several features
 * fire them and the layout listens, so their names live here rather than in one feature.
 */

/** The cart's contents changed: the navigation's cart count fetches itself again. */
export const CART_CHANGED = 'cart-changed';
