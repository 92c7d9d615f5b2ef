import hbs from 'hbs';
import { useCompileOptions } from './views';

describe('view compile options', () => {
  beforeAll(() => {
    useCompileOptions();
    hbs.registerPartial('spec/_note', '<textarea name="note">{{note}}</textarea>');
  });

  it('keeps the lines of user text in an indented partial as typed', () => {
    // Without preventIndent Handlebars indents every line of the partial's output, the text too.
    const page = hbs.handlebars.compile('<form>\n    {{> spec/_note}}\n</form>');
    expect(page({ note: 'first line\nsecond line\nthird' })).toContain('<textarea name="note">first line\nsecond line\nthird</textarea>');
  });

  it('is applied once, however often it is called', () => {
    const compile = hbs.handlebars.compile;
    useCompileOptions();
    expect(hbs.handlebars.compile).toBe(compile);
  });
});
