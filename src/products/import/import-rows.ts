import type { ProductFields } from '../dto/product.dto';

/** One good row of a previewed import, as kept server-side until it is applied. */
export type ImportRow =
  | { line: number; kind: 'add'; fields: ProductFields }
  /** `version` is the product's version when the preview was made: a later edit refuses the row. */
  | { line: number; kind: 'update'; id: number; version: number; fields: ProductFields };
