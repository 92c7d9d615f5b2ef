import { Controller, Get, Module, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../../src/common/decorators';

/** Routes that exist only in tests, to provoke what the real app must survive. */
@Controller('__probe')
class ProbeController {
  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table');
  }

  /** Starts a session, as any page with a form does. */
  @Public()
  @Get('session')
  session(@Req() req: Request): string {
    (req.session as unknown as { visited: boolean }).visited = true;
    return 'ok';
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
