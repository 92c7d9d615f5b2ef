import { COUNTRY_NAMES, countryCode, stateRequired } from './countries';

describe('countries', () => {
  it('suggests every country by its English name, A to Z', () => {
    expect(COUNTRY_NAMES.length).toBeGreaterThan(240);
    expect(COUNTRY_NAMES).toContain('United Kingdom');
    expect(COUNTRY_NAMES).toContain('Germany');
    expect([...COUNTRY_NAMES].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(COUNTRY_NAMES);
  });

  it('reads a country typed by name in any case, or by its code', () => {
    expect(countryCode('united kingdom')).toBe('GB');
    expect(countryCode(' Germany ')).toBe('DE');
    expect(countryCode('us')).toBe('US');
    expect(countryCode('Atlantis')).toBeUndefined();
  });

  it('needs a State where addresses have one, or where the country is unknown', () => {
    expect(stateRequired('United States of America')).toBe(true);
    expect(stateRequired('Canada')).toBe(true);
    expect(stateRequired('Atlantis')).toBe(true);
    expect(stateRequired('')).toBe(true);
    expect(stateRequired('United Kingdom')).toBe(false);
    expect(stateRequired('germany')).toBe(false);
    expect(stateRequired('NL')).toBe(false);
  });
});
