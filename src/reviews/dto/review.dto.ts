import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches, ValidateBy } from 'class-validator';
import { Trim } from '../../common/form-fields';

/** The database's CHECK counts characters (code points), as PostgreSQL's length() does. */
export const COMMENT_MAX_LENGTH = 2000;

export function commentLength(comment: string): number {
  return [...comment].length;
}

/** The review form on a product's page: Rating (1 to 5) and an optional Comment. */
export class ReviewDto {
  @Matches(/^[1-5]$/, { message: 'Rating must be a whole number from 1 to 5.' })
  @IsNotEmpty({ message: 'Choose a rating from 1 to 5.' })
  @Trim()
  rating: string;

  @ValidateBy(
    { name: 'commentLength', validator: { validate: (value: unknown) => typeof value === 'string' && commentLength(value) <= COMMENT_MAX_LENGTH } },
    { message: `Comment can be at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters.` },
  )
  // A textarea sends line breaks as CRLF: one break is one character, as the browser counted it.
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value))
  comment: string = '';
}
