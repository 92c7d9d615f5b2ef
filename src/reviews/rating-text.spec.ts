import { oneDecimal, reviewCount, stars } from './rating-text';

describe('rating text', () => {
  it.each([
    ['4.3333', '4.3'],
    ['4.2500', '4.3'],
    ['4.2499', '4.2'],
    ['4.9500', '5.0'],
    ['5.0000', '5.0'],
    ['1.0000', '1.0'],
    ['3', '3.0'],
    ['2.5', '2.5'],
    ['1.04999', '1.0'],
  ])('writes the average %s as %s', (average, text) => {
    expect(oneDecimal(average)).toBe(text);
  });

  it('writes nothing for a product without an average', () => {
    expect(oneDecimal(null)).toBe('');
    expect(oneDecimal(undefined)).toBe('');
    expect(oneDecimal('abc')).toBe('');
  });

  it('counts reviews in words', () => {
    expect(reviewCount(1)).toBe('1 review');
    expect(reviewCount(0)).toBe('0 reviews');
    expect(reviewCount(27)).toBe('27 reviews');
    expect(reviewCount(1234)).toBe('1,234 reviews');
  });

  it('draws stars for a rating', () => {
    expect(stars(4)).toBe('★★★★☆');
    expect(stars(1)).toBe('★☆☆☆☆');
    expect(stars(5)).toBe('★★★★★');
  });
});
