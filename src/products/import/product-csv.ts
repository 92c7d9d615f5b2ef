import { centsToDecimal } from '../../common/money';
import type { Product } from '../product.entity';

/** The contract's product columns, for export and import alike. */
export const PRODUCT_COLUMNS = ['id', 'name', 'description', 'category', 'stock', 'unit_price', 'visible'] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a
 * leading `'`, so it shows as text. Cells that already start with quotes before such a
 * character get one more, so that `restoreCell` gives back exactly what was exported.
 */
export function neutraliseCell(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for a file exported from here and edited in a spreadsheet. */
export function restoreCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function productRecord(product: Product): Record<ProductColumn, string> {
  return {
    id: String(product.id),
    name: neutraliseCell(product.name),
    description: neutraliseCell(product.description),
    category: neutraliseCell(product.category),
    stock: String(product.stock),
    unit_price: centsToDecimal(product.unitPrice),
    visible: product.visibility ? 'true' : 'false',
  };
}
