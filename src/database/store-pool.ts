/** A small pool beside the ORM's for express-session's store and the login rate limiter. */
export const STORE_POOL = Symbol('STORE_POOL');
export const STORE_POOL_MAX = 3;
