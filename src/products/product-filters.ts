import { queryText } from '../common/form-fields';

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

/**
 * Unknown or malformed values are ignored rather than refused: a shared link with an old
 * sort or a category that no longer exists still shows a sensible page.
 */
export function parseFilters(query: Record<string, unknown>, knownCategories: string[]): ProductFilters {
  const sort = queryText(query.sort, 20) as ProductSort;
  const visibility = queryText(query.visibility, 10) as VisibilityFilter;
  const category = queryText(query.category, 60);
  return {
    name: queryText(query.name, 100),
    category: knownCategories.includes(category) ? category : '',
    sort: SORTS.includes(sort) ? sort : 'newest',
    visibility: VISIBILITIES.includes(visibility) ? visibility : 'all',
  };
}

export function hasFilters(filters: ProductFilters): boolean {
  return filters.name !== '' || filters.category !== '' || filters.visibility !== 'all';
}
