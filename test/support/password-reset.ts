import { PasswordResetService } from '../../src/password-reset/password-reset.service';
import { submitForm, type Agent } from './http';
import type { TestApp } from './test-app';

export const SENT = 'If an account exists for that email, a reset link is on its way';

let addresses = 0;
/**
 * A client address of its own (sent as X-Forwarded-For, which the app trusts from loopback),
 * so each test starts with a fresh per-IP count. Documentation range: never a real host.
 */
export function freshIp(): string {
  addresses += 1;
  return `198.51.100.${addresses}`;
}

/** Fills in /password/forgot like a browser. */
export function askForReset(client: Agent, email: string, ip = freshIp(), headers: Record<string, string> = {}) {
  return submitForm(client, '/password/forgot', '/password/forgot', { email }, { 'X-Forwarded-For': ip, ...headers });
}

/** Submits the form on a reset page (the link's path). */
export function setNewPassword(
  client: Agent,
  path: string,
  newPassword: string,
  confirmNewPassword = newPassword,
  headers: Record<string, string> = {},
) {
  return submitForm(client, path, path, { newPassword, confirmNewPassword }, headers);
}

/** Resolves once the app has handled every reset request it answered (mail sent or not). */
export function resetRequestsHandled(t: TestApp): Promise<void> {
  return t.app.get(PasswordResetService).whenIdle();
}

/** The path of a link, to follow it on the test app whatever PUBLIC_URL says. */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}
