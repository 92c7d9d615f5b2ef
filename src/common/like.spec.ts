import { containsPattern } from './like';

describe('containsPattern', () => {
  it('makes wildcard characters and the escape character literal', () => {
    expect(containsPattern('50%_Off\\')).toBe('%50\\%\\_Off\\\\%');
    expect(containsPattern('mug')).toBe('%mug%');
  });
});
