import { getAlpha2Code, getNames } from 'i18n-iso-countries';

/** Every country's English name (ISO 3166-1), A to Z: the checkout's Country suggestions. */
export const COUNTRY_NAMES: readonly string[] = Object.values(getNames('en', { select: 'official' })).sort((a, b) =>
  a.localeCompare(b, 'en'),
);

/**
 * Countries whose postal addresses carry a state, province, prefecture or emirate as a line the
 * post relies on (after the "required" parts of Google's address metadata, libaddressinput):
 * checkout asks for State there and leaves it optional everywhere else, e.g. the United Kingdom,
 * France or Germany, where an address has no such line. US territories that use US-style
 * addresses (Puerto Rico, Guam, …) are in too. A country not on the list, or typed in a way we
 * do not recognise, keeps State optional: refusing an address we cannot judge helps no one.
 */
const STATE_REQUIRED = new Set([
  'US', // state
  'AS', 'GU', 'MP', 'PR', 'VI', // US territories, addressed like a US state
  'CA', // province or territory
  'AU', // state or territory
  'BR', // estado
  'MX', // estado
  'AR', // provincia
  'IN', // state
  'CN', // province
  'JP', // prefecture
  'KR', // province or metropolitan city
  'ID', // provinsi
  'MY', // state
  'AE', // emirate
  'IT', // provincia
  'ES', // provincia
]);

/**
 * Whether an address in this country needs a State. The country is matched as the buyer typed
 * it, by any of its English names or codes ("United States of America", "United States",
 * "USA", "us"), whatever the case.
 */
export function countryRequiresState(country: string): boolean {
  const code = getAlpha2Code(country.trim(), 'en');
  return code !== undefined && STATE_REQUIRED.has(code);
}
