import { moneyFromRow, MoneyType } from './money.type';

describe('MoneyType', () => {
  const type = new MoneyType();

  it('stores cents as exact NUMERIC text', () => {
    expect(type.convertToDatabaseValue(1999)).toBe('19.99');
    expect(type.convertToDatabaseValue(10)).toBe('0.10');
    expect(type.convertToDatabaseValue(0)).toBe('0.00');
  });

  it('reads NUMERIC text as cents, without float drift', () => {
    expect(type.convertToJSValue('0.10') + type.convertToJSValue('0.20')).toBe(30);
    expect(type.convertToJSValue('19.99') * 7).toBe(13993);
    expect(type.convertToJSValue('1234567.89')).toBe(123456789);
  });

  it('round-trips', () => {
    for (const cents of [0, 1, 10, 99, 100, 12345, 99_999_999_999]) {
      expect(type.convertToJSValue(type.convertToDatabaseValue(cents))).toBe(cents);
    }
  });

  it('is a numeric(12,2) column', () => {
    expect(type.getColumnType({} as never, {} as never)).toBe('numeric(12,2)');
  });
});

describe('moneyFromRow', () => {
  it('reads NUMERIC text from a raw row as cents, like the entities do', () => {
    expect(moneyFromRow('19.99')).toBe(1999);
    expect(moneyFromRow('0.10')).toBe(10);
    expect(moneyFromRow('999999999.99')).toBe(99_999_999_999);
    expect(() => moneyFromRow('1.234')).toThrow(RangeError);
  });
});
