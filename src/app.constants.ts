/** The session cookie's name, shared by the session middleware and log-out. */
export const SESSION_COOKIE = 'shop.sid';
