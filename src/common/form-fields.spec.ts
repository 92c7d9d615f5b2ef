import { IsNotEmpty } from 'class-validator';
import { validateForm } from './form';
import { firstString, isChecked, queryText, Trim } from './form-fields';

class NameForm {
  @IsNotEmpty({ message: 'Enter a name.' })
  @Trim()
  name: string;
}

describe('shared form pieces', () => {
  it('Trim: surrounding spaces go before the rules are checked', async () => {
    const ok = await validateForm(NameForm, { name: '  Ada  ' });
    expect(ok.valid && ok.value.name).toBe('Ada');
    const blank = await validateForm(NameForm, { name: '   ' });
    expect(blank.valid ? {} : blank.errors).toEqual({ name: 'Enter a name.' });
  });

  it('isChecked: a checkbox counts when sent with a value', () => {
    expect(isChecked('on')).toBe(true);
    expect(isChecked('yes')).toBe(true);
    expect(isChecked(undefined)).toBe(false);
    expect(isChecked('')).toBe(false);
    expect(isChecked(null)).toBe(false);
  });

  it('firstString: the first of a repeated query value, never an object', () => {
    expect(firstString('a')).toBe('a');
    expect(firstString(['a', 'b'])).toBe('a');
    expect(firstString([['a']])).toBeUndefined();
    expect(firstString({ x: '1' })).toBeUndefined();
    expect(firstString(undefined)).toBeUndefined();
  });

  it('queryText: trimmed and capped, empty when absent or malformed', () => {
    expect(queryText('  mug  ', 100)).toBe('mug');
    expect(queryText(['abcdef', 'x'], 3)).toBe('abc');
    expect(queryText({ $ne: 1 }, 10)).toBe('');
    expect(queryText(undefined, 10)).toBe('');
  });
});
