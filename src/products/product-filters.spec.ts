import { isUnknownCategory, parseFilters } from './product-filters';

describe('product filters', () => {
  it('reads a shared query string', () => {
    expect(parseFilters({ name: ' Mug ', category: 'Kitchen', sort: 'price_desc', page: '2' })).toEqual({
      name: 'Mug',
      category: 'Kitchen',
      sort: 'price_desc',
      visibility: 'all',
    });
  });

  it('ignores unknown sorts and visibilities, and keeps an unknown category (it matches nothing)', () => {
    const filters = parseFilters({ sort: 'drop table', category: 'Nope', visibility: 'x', page: '-3' });
    expect(filters).toEqual({ name: '', category: 'Nope', sort: 'newest', visibility: 'all' });
    expect(isUnknownCategory(filters, ['Kitchen'])).toBe(true);
    expect(isUnknownCategory(parseFilters({ category: 'Kitchen' }), ['Kitchen'])).toBe(false);
    expect(parseFilters({ name: ['a', 'b'], page: '1.5' }).name).toBe('a');
  });
});
