import { neutraliseCell } from '../../common/csv-cells';
import { centsToDecimal } from '../../common/money';

export { neutraliseCell, restoreCell } from '../../common/csv-cells';
import type { ProductRow } from '../product-rows';

/** The contract's product columns, for export and import alike. */
export const PRODUCT_COLUMNS = ['id', 'name', 'description', 'category', 'stock', 'unit_price', 'visible'] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

export function productRecord(product: ProductRow): Record<ProductColumn, string> {
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
