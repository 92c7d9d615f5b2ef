import { neutraliseCell, restoreCell } from './product-csv';

describe('formula cells', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-5', "'-5"],
    ['@me', "'@me"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
    ["'=already quoted", "''=already quoted"],
    ['Plain mug', 'Plain mug'],
    ["'quoted text", "'quoted text"],
    ['a=b', 'a=b'],
  ])('%j is written as %j and read back unchanged', (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
    expect(restoreCell(neutraliseCell(value))).toBe(value);
  });
});
