import type { FieldErrors } from '../common/form';
import { queryText } from '../common/form-fields';
import { hasFilters, parseFilters, type ProductFilters } from './product-filters';

/** Staff's list: the shop's filters plus **Stock at most** (`max_stock`). */
export interface StaffProductFilters extends ProductFilters {
  /** null: any stock. */
  maxStock: number | null;
}

export type StaffFiltersRead =
  | { ok: true; filters: StaffProductFilters; typedMaxStock: string }
  /** A value that cannot be read never widens the list: the page shows it, its message and no rows. */
  | { ok: false; filters: StaffProductFilters; typedMaxStock: string; errors: FieldErrors };

export const MAX_STOCK_MESSAGE = 'Stock at most must be a whole number, 0 or more.';

/** The largest value the stock column holds: a larger "at most" means the same as this. */
const INT_MAX = 2_147_483_647;

export function parseStaffFilters(query: Record<string, unknown>): StaffFiltersRead {
  const base = parseFilters(query);
  const typed = queryText(query.max_stock, 20);
  if (typed === '') return { ok: true, filters: { ...base, maxStock: null }, typedMaxStock: '' };
  if (!/^\d+$/.test(typed)) {
    return { ok: false, filters: { ...base, maxStock: null }, typedMaxStock: typed, errors: { maxStock: MAX_STOCK_MESSAGE } };
  }
  return { ok: true, filters: { ...base, maxStock: Math.min(Number(typed), INT_MAX) }, typedMaxStock: typed };
}

export function hasStaffFilters(read: StaffFiltersRead): boolean {
  return hasFilters(read.filters) || read.typedMaxStock !== '';
}
