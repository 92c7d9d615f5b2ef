import { centsToDecimal } from '../common/money';
import type { Product } from './product.entity';

/** What the product form shows in its fields. */
export interface ProductFormValues {
  name: string;
  description: string;
  category: string;
  stock: string;
  unitPrice: string;
  visible: boolean;
  /** The edit form's **Remove image** box, as ticked. */
  removeImage?: boolean;
}

export function productFormValues(product: Product): ProductFormValues {
  return {
    name: product.name,
    description: product.description,
    category: product.category,
    stock: String(product.stock),
    unitPrice: centsToDecimal(product.unitPrice),
    visible: product.visibility,
  };
}
