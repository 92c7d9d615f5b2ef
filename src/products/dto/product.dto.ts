import { IsNotEmpty, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isChecked, Trim } from '../../common/form-fields';
import { formatCents, MAX_CENTS, moneyInputProblem, parseMoneyInput } from '../../common/money';

export const MAX_STOCK = 1_000_000;

/** Stock as typed: a whole number from 0 to MAX_STOCK. */
export function StockField(): PropertyDecorator {
  return (target, key) => {
    ValidateBy(
      { name: 'maxStock', validator: { validate: (value: unknown) => typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) <= MAX_STOCK } },
      { message: `Stock can be at most ${MAX_STOCK.toLocaleString('en-US')}.` },
    )(target, key);
    Matches(/^\d+$/, { message: 'Stock must be a whole number, 0 or more.' })(target, key);
    IsNotEmpty({ message: 'Enter the stock, 0 or more.' })(target, key);
    Trim()(target, key);
  };
}

/** An amount as typed: `12`, `12.5` or `12.50`; never `1e3`, `12.345`, `-1` or `abc`. */
export function PriceField(options: { label: string; example: string } = { label: 'Unit price', example: '12.50' }): PropertyDecorator {
  return (target, key) => {
    ValidateBy(
      {
        name: 'moneyMax',
        // Only judged once the format is right: then the one thing wrong is the size.
        validator: { validate: (value: unknown) => moneyInputProblem(value) !== 'too-large' },
      },
      { message: `${options.label} can be at most ${formatCents(MAX_CENTS)}.` },
    )(target, key);
    ValidateBy(
      { name: 'money', validator: { validate: (value: unknown) => moneyInputProblem(value) !== 'format' } },
      { message: `${options.label} must be an amount like ${options.example}: 0 or more, with at most two decimals.` },
    )(target, key);
    IsNotEmpty({ message: `Enter the ${options.label.toLowerCase()}.` })(target, key);
    Trim()(target, key);
  };
}

/** The staff form for adding and editing a product. */
export class ProductDto {
  @MaxLength(120, { message: 'Name can be at most 120 characters.' })
  @IsNotEmpty({ message: 'Enter a name.' })
  @Trim()
  name: string;

  @MaxLength(2000, { message: 'Description can be at most 2,000 characters.' })
  @Trim()
  description: string = '';

  @MaxLength(60, { message: 'Category can be at most 60 characters.' })
  @IsNotEmpty({ message: 'Enter a category.' })
  @Trim()
  category: string;

  @StockField()
  stock: string;

  @PriceField()
  unitPrice: string;

  /** A checkbox: present ("on") when ticked, absent otherwise. */
  visible?: string;
}

/** The inline edit of one row of /admin/products. */
export class InlineProductDto {
  @StockField()
  stock: string;

  @PriceField()
  unitPrice: string;

  visible?: string;
}

export interface ProductFields {
  name: string;
  description: string;
  category: string;
  stock: number;
  unitPrice: number;
  visibility: boolean;
}

export function toProductFields(dto: ProductDto): ProductFields {
  return {
    name: dto.name,
    description: dto.description ?? '',
    category: dto.category,
    stock: Number(dto.stock),
    unitPrice: parseMoneyInput(dto.unitPrice)!,
    visibility: isChecked(dto.visible),
  };
}

export function toInlineFields(dto: InlineProductDto): Pick<ProductFields, 'stock' | 'unitPrice' | 'visibility'> {
  return {
    stock: Number(dto.stock),
    unitPrice: parseMoneyInput(dto.unitPrice)!,
    visibility: isChecked(dto.visible),
  };
}
