import { COUNTRY_NAMES } from './countries';

describe('country suggestions', () => {
  it('name every country in English, A to Z, once', () => {
    expect(COUNTRY_NAMES.length).toBeGreaterThan(240);
    expect(COUNTRY_NAMES).toEqual(expect.arrayContaining(['United Kingdom', 'Germany', 'Canada', 'Japan']));
    expect([...COUNTRY_NAMES].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(COUNTRY_NAMES);
    expect(new Set(COUNTRY_NAMES).size).toBe(COUNTRY_NAMES.length);
  });
});
