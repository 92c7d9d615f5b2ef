import { firstString } from '../common/form-fields';

/** The shop's filters, read from a query string that anyone can share or bookmark. */
export type ProductSort = 'newest' | 'price_asc' | 'price_desc' | 'rating_desc';
export type VisibilityFilter = 'all' | 'visible' | 'hidden';

export interface ProductFilters {
  name: string;
  category: string;
  sort: ProductSort;
  /** Staff only: which products to list. */
  visibility: VisibilityFilter;
}

const SORTS: ProductSort[] = ['newest', 'price_asc', 'price_desc', 'rating_desc'];
const VISIBILITIES: VisibilityFilter[] = ['all', 'visible', 'hidden'];

/** The input edge (common/input-edge.ts) has already refused repeated and overlong values. */
function text(value: unknown): string {
  return (firstString(value) ?? '').trim();
}

/**
 * Filters never widen silently: a search or a category that matches nothing (one that no
 * longer exists, say) lists nothing, and the page says so. An unknown sort or visibility
 * falls back to the default: it narrows nothing.
 */
export function parseFilters(query: Record<string, unknown>): ProductFilters {
  const sort = text(query.sort) as ProductSort;
  const visibility = text(query.visibility) as VisibilityFilter;
  return {
    name: text(query.name),
    category: text(query.category),
    sort: SORTS.includes(sort) ? sort : 'newest',
    visibility: VISIBILITIES.includes(visibility) ? visibility : 'all',
  };
}

export function hasFilters(filters: ProductFilters): boolean {
  return filters.name !== '' || filters.category !== '' || filters.visibility !== 'all';
}

/** A category asked for that no product has: the filter form shows it, so the empty list makes sense. */
export function isUnknownCategory(filters: ProductFilters, categories: string[]): boolean {
  return filters.category !== '' && !categories.includes(filters.category);
}
