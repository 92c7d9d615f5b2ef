import { getAlpha2Code, getNames, isValid } from 'i18n-iso-countries';

/** Every country's English name (ISO 3166-1), A to Z: the checkout's Country suggestions. */
export const COUNTRY_NAMES: readonly string[] = Object.values(getNames('en', { select: 'official' })).sort((a, b) =>
  a.localeCompare(b, 'en'),
);

/**
 * Countries whose postal addresses carry no state, province or region line (after the
 * UPU's and CLDR's address formats). Everywhere else, or when the country is not one we can
 * read, State stays required: a parcel with too much address arrives, one with too little may not.
 */
const WITHOUT_STATES = new Set([
  'AD', 'AT', 'BE', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IL',
  'IS', 'LI', 'LT', 'LU', 'LV', 'MC', 'MT', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'SG', 'SI', 'SK',
  'SM', 'VA',
]);

/** The ISO code of a country typed by name ("germany") or by code ("DE"), if it is one. */
export function countryCode(typed: string): string | undefined {
  const text = typed.trim();
  if (/^[A-Za-z]{2}$/.test(text) && isValid(text.toUpperCase())) return text.toUpperCase();
  return getAlpha2Code(text, 'en') ?? undefined;
}

/** Whether an address in this country needs a State. */
export function stateRequired(country: string): boolean {
  const code = countryCode(country);
  return code === undefined || !WITHOUT_STATES.has(code);
}
