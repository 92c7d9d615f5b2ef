import { Logger } from '@nestjs/common';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * Which PostgreSQL the shop talks to: the server named by DATABASE_URL, or the embedded one,
 * started here. Created once, before the ORM, and closed after it.
 */
export class DatabaseConnection {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly url: string,
    readonly embedded?: EmbeddedPostgres,
  ) {}

  static async open(options: { url?: string; dataDir: string }): Promise<DatabaseConnection> {
    if (options.url) {
      this.logger.log('Using the PostgreSQL server from DATABASE_URL');
      return new DatabaseConnection(options.url);
    }
    const embedded = new EmbeddedPostgres(options.dataDir);
    return new DatabaseConnection(await embedded.start(), embedded);
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }
}
