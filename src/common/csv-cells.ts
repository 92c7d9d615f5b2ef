/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a
 * leading `'`, so it shows as text (CSV injection). Cells that already start with quotes before
 * such a character get one more, so that `restoreCell` gives back exactly what was exported.
 * Every CSV the shop writes goes through this one rule.
 */
export function neutraliseCell(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for a file exported from here and edited in a spreadsheet. */
export function restoreCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
