import { COUNTRY_NAMES, countryRequiresState } from './countries';

describe('country suggestions', () => {
  it('name every country in English, A to Z, once', () => {
    expect(COUNTRY_NAMES.length).toBeGreaterThan(240);
    expect(COUNTRY_NAMES).toEqual(expect.arrayContaining(['United Kingdom', 'Germany', 'Canada', 'Japan']));
    expect([...COUNTRY_NAMES].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(COUNTRY_NAMES);
    expect(new Set(COUNTRY_NAMES).size).toBe(COUNTRY_NAMES.length);
  });
});

describe('where an address needs a State', () => {
  it.each(['United States of America', 'United States', 'USA', 'us', 'Canada', 'CANADA', ' Australia ', 'Brazil', 'Mexico', 'India', 'Japan', 'Puerto Rico'])(
    '%p: required',
    (country) => expect(countryRequiresState(country)).toBe(true),
  );

  it.each(['United Kingdom', 'UK', 'Germany', 'France', 'Ireland', 'New Zealand', 'Narnia', ''])('%p: optional', (country) =>
    expect(countryRequiresState(country)).toBe(false),
  );

  it('recognises every suggested name on the list', () => {
    const required = COUNTRY_NAMES.filter(countryRequiresState);
    expect(required).toEqual(expect.arrayContaining(['United States of America', 'Canada', 'Australia', "People's Republic of China", 'South Korea']));
    expect(required.length).toBeGreaterThanOrEqual(20);
  });
});
