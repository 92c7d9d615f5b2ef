/** The shop's filters, read from a query string that anyone can share or bookmark. */
export type ProductSort = 'newest' | 'price_asc' | 'price_desc';
export type VisibilityFilter = 'all' | 'visible' | 'hidden';

export interface ProductFilters {
  name: string;
  category: string;
  sort: ProductSort;
  /** Staff only: which products to list. */
  visibility: VisibilityFilter;
}

const SORTS: ProductSort[] = ['newest', 'price_asc', 'price_desc'];
const VISIBILITIES: VisibilityFilter[] = ['all', 'visible', 'hidden'];

function text(value: unknown, max: number): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

/**
 * Unknown or malformed values are ignored rather than refused: a shared link with an old
 * sort or a category that no longer exists still shows a sensible page.
 */
export function parseFilters(query: Record<string, unknown>, knownCategories: string[]): ProductFilters {
  const sort = text(query.sort, 20) as ProductSort;
  const visibility = text(query.visibility, 10) as VisibilityFilter;
  const category = text(query.category, 60);
  return {
    name: text(query.name, 100),
    category: knownCategories.includes(category) ? category : '',
    sort: SORTS.includes(sort) ? sort : 'newest',
    visibility: VISIBILITIES.includes(visibility) ? visibility : 'all',
  };
}

export function hasFilters(filters: ProductFilters): boolean {
  return filters.name !== '' || filters.category !== '' || filters.visibility !== 'all';
}
