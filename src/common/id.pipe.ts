import { ParseIntPipe } from '@nestjs/common';

/** An id in a URL: anything that is not a whole number names nothing, so it is a 404. */
export const IdPipe = new ParseIntPipe({ errorHttpStatusCode: 404 });
