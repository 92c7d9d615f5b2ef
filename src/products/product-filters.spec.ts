import { filtersQuery, parseFilters } from './product-filters';

describe('product filters', () => {
  it('reads a shared query string', () => {
    expect(parseFilters({ name: ' Mug ', category: 'Kitchen', sort: 'price_desc', page: '2' })).toEqual({
      name: 'Mug',
      category: 'Kitchen',
      sort: 'price_desc',
      visibility: 'all',
      page: 2,
    });
  });

  it('ignores unknown sorts, visibilities and pages, and keeps an unknown category (it matches nothing)', () => {
    expect(parseFilters({ sort: 'drop table', category: 'Nope', visibility: 'x', page: '-3' })).toEqual({
      name: '',
      category: 'Nope',
      sort: 'newest',
      visibility: 'all',
      page: 1,
    });
    expect(parseFilters({ name: ['a', 'b'], page: '1.5' }).name).toBe('a');
  });

  it('writes the filters back as a query string', () => {
    const filters = parseFilters({ name: 'a b', category: 'Kitchen', sort: 'price_asc', visibility: 'hidden' });
    expect(filtersQuery(filters)).toBe('name=a+b&category=Kitchen&sort=price_asc');
    expect(filtersQuery(filters, { withVisibility: true })).toBe('name=a+b&category=Kitchen&sort=price_asc&visibility=hidden');
  });
});
