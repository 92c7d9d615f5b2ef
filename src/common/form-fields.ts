import { Transform } from 'class-transformer';

/**
 * Small pieces every form and query shares, so each rule is written once.
 */

/** A DTO field decorator: surrounding spaces are not part of what was meant. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
}

/** A checkbox is ticked when the browser sends it at all (its value, "on" by default, is not empty). */
export function isChecked(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The first string of a query value: `?q=a&q=b` arrives as an array, a bracketed name
 * (`?q[x]=1`) as an object; neither is something a form of ours sends.
 */
export function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A query value as trimmed text of at most `max` characters ('' when absent or malformed). */
export function queryText(value: unknown, max: number): string {
  return (firstString(value) ?? '').trim().slice(0, max);
}
