import { Controller, Get, Res } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { Public } from '../common/decorators';

const PROBE_TIMEOUT_MS = 2000;

@Controller('healthz')
export class HealthController {
  constructor(private readonly em: EntityManager) {}

  /** 200 while the database answers a trivial query in time, 503 otherwise. */
  @Public()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.em.getConnection().execute('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('health probe timed out')), PROBE_TIMEOUT_MS);
        }),
      ]);
      res.status(200).json({ status: 'ok', database: 'up', latencyMs: Date.now() - started });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    } finally {
      clearTimeout(timer);
    }
  }
}
