import { parseFilters } from './product-filters';

describe('product filters', () => {
  it('reads a shared query string', () => {
    expect(parseFilters({ name: ' Mug ', category: 'Kitchen', sort: 'price_desc', page: '2' }, ['Kitchen'])).toEqual({
      name: 'Mug',
      category: 'Kitchen',
      sort: 'price_desc',
      visibility: 'all',
    });
  });

  it('ignores unknown sorts, categories and visibilities', () => {
    expect(parseFilters({ sort: 'drop table', category: 'Nope', visibility: 'x', page: '-3' }, ['Kitchen'])).toEqual({
      name: '',
      category: '',
      sort: 'newest',
      visibility: 'all',
    });
    expect(parseFilters({ name: ['a', 'b'], page: '1.5' }, []).name).toBe('a');
  });
});
