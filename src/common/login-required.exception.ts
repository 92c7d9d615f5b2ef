/** Thrown by the guard for a signed-out visitor; the error filter turns it into a login redirect. */
export class LoginRequiredException extends Error {
  constructor(readonly requestedUrl: string) {
    super('login required');
  }
}

export { safeNextPath } from './next-path';
