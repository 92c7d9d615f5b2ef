/**
 * Sessions the app saved itself during the request being served (see afterSessionSaved): when
 * the response ends, express-session would "touch" such a session, a second write of the same
 * expiry a few milliseconds later. The store skips that touch (database/session-store.ts).
 * A session object lives for one request, so a WeakSet forgets it with the request.
 */
const savedThisRequest = new WeakSet<object>();

export function markSessionSaved(session: object): void {
  savedThisRequest.add(session);
}

export function wasSavedThisRequest(session: object): boolean {
  return savedThisRequest.has(session);
}
