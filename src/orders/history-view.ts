import type { Request } from 'express';
import { pageNav } from '../common/pagination';
import { ORDER_STATUSES } from './order.entity';
import { hasOrderFilters } from './order-filters';
import type { HistoryResult } from './order-history.query';
import { STATUS_LABELS } from './order-status';

/** What the history templates (buyer and staff) show for one result. */
export function historyView(req: Request, result: HistoryResult, categories: string[], viewer: { staff: boolean }) {
  const base = {
    filters: result.filters,
    categories,
    staff: viewer.staff,
    statuses: ORDER_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    filtered: hasOrderFilters(result.filters),
    csvUrl: csvUrl(req),
  };
  if (!result.ok) return { ...base, errors: result.errors, invalid: true, rows: [] };
  return {
    ...base,
    errors: {},
    totals: result.totals,
    rows: result.page.rows.map((row) => ({ ...row, statusLabel: STATUS_LABELS[row.status] })),
    nav: pageNav(req, result.page),
  };
}

/** The CSV of the same filters (every page): the staff list's query without its page. */
function csvUrl(req: Request): string {
  const url = new URL(req.originalUrl, 'http://shop.invalid');
  url.searchParams.delete('page');
  const search = url.searchParams.toString();
  return `/admin/orders.csv${search ? `?${search}` : ''}`;
}
