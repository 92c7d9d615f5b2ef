/**
 * A LIKE pattern that finds `text` anywhere, with `%`, `_` and `\` typed by a person taken
 * literally (PostgreSQL's default escape character is `\`).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
