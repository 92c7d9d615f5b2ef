import { commentLines, memberSince, publicProfileUrl } from './public-profile';

describe('public profile wording', () => {
  it('says when the member joined as a month and year, in UTC', () => {
    expect(memberSince(new Date('2026-03-14T09:00:00Z'))).toBe('March 2026');
    // Late on the last day of a month in UTC is still that month, wherever the server runs.
    expect(memberSince(new Date('2026-01-31T23:59:59Z'))).toBe('January 2026');
  });

  it('splits a comment into its lines, whatever the line ending; an empty comment has none', () => {
    expect(commentLines('one\ntwo\r\nthree\rfour')).toEqual(['one', 'two', 'three', 'four']);
    expect(commentLines('')).toEqual([]);
    expect(commentLines('<b>x</b>')).toEqual(['<b>x</b>']); // escaping is the view's: {{this}}
  });

  it('links to /users/:username', () => {
    expect(publicProfileUrl('anna.b-1')).toBe('/users/anna.b-1');
  });
});
