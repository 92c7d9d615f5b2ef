import { parseStaffFilters } from './staff-product-filters';

describe('staff filters: Stock at most', () => {
  it.each([
    ['', null],
    ['0', 0],
    [' 5 ', 5],
    ['99999999999', 2_147_483_647],
  ])('reads %j as %j', (typed, maxStock) => {
    const read = parseStaffFilters({ max_stock: typed });
    expect(read.ok).toBe(true);
    expect(read.filters.maxStock).toBe(maxStock);
  });

  it.each(['abc', '-1', '1.5', '1e3', '0x10'])('refuses %j beside the field, keeping the other filters', (typed) => {
    const read = parseStaffFilters({ max_stock: typed, name: 'mug', category: 'Kitchen' });
    expect(read).toMatchObject({ ok: false, typedMaxStock: typed, errors: { maxStock: 'Stock at most must be a whole number, 0 or more.' } });
    expect(read.filters).toMatchObject({ name: 'mug', category: 'Kitchen', maxStock: null });
  });
});
