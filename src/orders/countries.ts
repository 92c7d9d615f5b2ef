import { getNames } from 'i18n-iso-countries';

/** Every country's English name (ISO 3166-1), A to Z: the checkout's Country suggestions. */
export const COUNTRY_NAMES: readonly string[] = Object.values(getNames('en', { select: 'official' })).sort((a, b) =>
  a.localeCompare(b, 'en'),
);
