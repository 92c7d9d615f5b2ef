/** Thrown by the guard for a signed-out visitor; the error filter turns it into a login redirect. */
export class LoginRequiredException extends Error {
  constructor(readonly requestedUrl: string) {
    super('login required');
  }
}

/** Only same-site paths may be a `next` target: no `//host`, no scheme, no backslash tricks. */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 2000) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  if (/[\u0000-\u001f]/.test(next)) return undefined;
  return next;
}
