/** The address of a user's public profile (usernames hold only letters, digits, "_", "-", "."). */
export function publicProfileUrl(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

/** "March 2026": when the account was made, in the shop's one clock (UTC), as a profile says it. */
export function memberSince(created: Date): string {
  return created.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A plain-text comment as lines, for a view to join with <br> (each line escaped on its own). */
export function commentLines(comment: string): string[] {
  return comment === '' ? [] : comment.split(/\r\n|\r|\n/);
}
