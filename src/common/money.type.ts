import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';
import { centsToDecimal, decimalToCents } from './money';

/**
 * NUMERIC(12,2) in PostgreSQL, integer cents in TypeScript. The pg driver hands NUMERIC over as
 * text, and it is converted by string arithmetic, so no amount ever passes through a float.
 */
export class MoneyType extends Type<number, string> {
  override convertToDatabaseValue(value: number | string | null | undefined): string {
    if (value === null || value === undefined) return value as unknown as string;
    return typeof value === 'string' ? centsToDecimal(decimalToCents(value)) : centsToDecimal(value);
  }

  override convertToJSValue(value: string | number | null | undefined): number {
    if (value === null || value === undefined) return value as unknown as number;
    return typeof value === 'number' ? value : decimalToCents(value);
  }

  override compareAsType(): string {
    return 'number';
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'numeric(12,2)';
  }
}

const MONEY = new MoneyType();

/**
 * A NUMERIC(12,2) column read by raw SQL (the pg driver hands it over as text) → cents, by the
 * very conversion the entities' money properties use. Raw rows read money through this only.
 */
export function moneyFromRow(value: string): number {
  return MONEY.convertToJSValue(value);
}
