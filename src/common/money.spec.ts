import { centsToDecimal, decimalToCents, formatCents, moneyInputProblem, parseMoneyInput } from './money';

describe('money', () => {
  it('turns cents into the exact decimal text PostgreSQL stores', () => {
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(1234)).toBe('12.34');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(99_999_999_999)).toBe('999999999.99');
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('reads NUMERIC text back into cents without float drift', () => {
    expect(decimalToCents('0.10') + decimalToCents('0.20')).toBe(30); // 0.1 + 0.2 !== 0.3 in floats
    expect(decimalToCents('19.99') * 7).toBe(13993);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('12')).toBe(1200);
    expect(decimalToCents('-3.40')).toBe(-340);
    expect(decimalToCents('999999999.99')).toBe(99_999_999_999);
    expect(decimalToCents('1.230')).toBe(123);
    expect(() => decimalToCents('1.234')).toThrow(RangeError);
    expect(() => decimalToCents('abc')).toThrow(RangeError);
  });

  it('round-trips every cent value through decimal text', () => {
    for (const cents of [0, 1, 9, 10, 99, 100, 101, 1999, 123456789, 99_999_999_999]) {
      expect(decimalToCents(centsToDecimal(cents))).toBe(cents);
    }
  });

  it('accepts what people type with at most two decimals', () => {
    expect(parseMoneyInput('12.5')).toBe(1250);
    expect(parseMoneyInput('12.50')).toBe(1250);
    expect(parseMoneyInput('12')).toBe(1200);
    expect(parseMoneyInput(' 0.07 ')).toBe(7);
    expect(parseMoneyInput('$3.10')).toBe(310);
  });

  it('refuses exponents, extra decimals, negatives, text and absurd amounts', () => {
    for (const bad of ['1e3', '12.345', '-1', 'abc', '', '.5', '1.', '1,000', '0x10', 'Infinity', '10000000000']) {
      expect(parseMoneyInput(bad)).toBeUndefined();
    }
    expect(parseMoneyInput(undefined)).toBeUndefined();
    expect(parseMoneyInput(['1'])).toBeUndefined();
  });

  it('tells a badly written amount from one that is too large', () => {
    expect(moneyInputProblem('12.50')).toBeUndefined();
    expect(moneyInputProblem('1e3')).toBe('format');
    expect(moneyInputProblem('-1')).toBe('format');
    expect(moneyInputProblem(undefined)).toBe('format');
    expect(moneyInputProblem('10000000000')).toBe('too-large');
    expect(moneyInputProblem('999999999.99')).toBeUndefined();
  });

  it('formats cents for people', () => {
    expect(formatCents(1234)).toBe('$12.34');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(-250)).toBe('-$2.50');
  });
});
