import { Controller, Get, Module, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientRedirect } from '../../src/common/htmx';
import { EntityManager } from '@mikro-orm/postgresql';
import { Public } from '../../src/common/decorators';

/** Routes that exist only in tests, to provoke what the real app must survive. */
@Controller('__probe')
class ProbeController {
  constructor(private readonly em: EntityManager) {}

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table');
  }

  /** A request that takes a while, to be in flight during a shutdown. */
  @Public()
  @Get('slow')
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 800));
    const [row] = await this.em.getConnection().execute('select 42 as answer');
    return `answer ${row.answer}`;
  }

  /** A redirect whose header Node refuses (ERR_INVALID_CHAR), written after a session save. */
  @Public()
  @Get('bad-redirect')
  badRedirect(@Req() req: Request, @Res() res: Response): void {
    startSession(res);
    (req.session as unknown as { visited: boolean }).visited = true;
    clientRedirect(req, res, '/\u0101');
  }

  /** Starts a session, as any page with a form does. */
  @Public()
  @Get('session')
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    startSession(res);
    (req.session as unknown as { visited: boolean }).visited = true;
    return 'ok';
  }
}

/**
 * A GET without the session cookie has no session until its page asks for a CSRF token
 * (app.setup.ts, sessionWhenNeeded): ask for one, as a page with a form does.
 */
function startSession(res: Response): void {
  (res.locals.csrfToken as () => string)();
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
