import { Global, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { databaseConfig } from '../config/app.config';
import { DatabaseConnection } from './database-connection';
import { HealthController } from './health.controller';
import { ormOptions } from './orm-options';
import { SessionStore } from './session-store';
import { STORE_POOL, storePoolOver } from './store-pool';

/**
 * Opens the database connection first and closes it last: Nest shuts modules down in the
 * reverse order of their dependencies, so this module outlives the ORM that depends on it.
 */
@Module({
  imports: [ConfigModule.forFeature(databaseConfig)],
  providers: [
    {
      provide: DatabaseConnection,
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) =>
        DatabaseConnection.open({ url: config.url, dataDir: config.dataDir }),
    },
  ],
  exports: [DatabaseConnection],
})
class DatabaseConnectionModule implements OnApplicationShutdown {
  constructor(private readonly connection: DatabaseConnection) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.connection.close();
    // The last step of a graceful stop: everything above this module has closed already.
    if (signal) new Logger('Shop').log('Stopped: database connections closed');
  }
}

@Global()
@Module({
  imports: [
    DatabaseConnectionModule,
    MikroOrmModule.forRootAsync({
      imports: [DatabaseConnectionModule, ConfigModule.forFeature(databaseConfig)],
      inject: [DatabaseConnection, databaseConfig.KEY],
      driver: PostgreSqlDriver,
      // configureApp() opens the request context itself, before session and passport.
      useFactory: (connection: DatabaseConnection, config: ConfigType<typeof databaseConfig>) => ({
        ...ormOptions(connection.url, { embedded: connection.isEmbedded, logQueries: config.logQueries }),
        registerRequestContext: false,
      }),
    }),
  ],
  controllers: [HealthController],
  providers: [
    {
      provide: STORE_POOL,
      inject: [MikroORM],
      useFactory: (orm: MikroORM) => storePoolOver((orm.em as EntityManager).getConnection().getKnex()),
    },
    SessionStore,
  ],
  exports: [STORE_POOL, SessionStore, DatabaseConnectionModule],
})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly orm: MikroORM) {}

  /** Migrations run at start-up, before any feature touches the database. */
  async onModuleInit(): Promise<void> {
    const applied = await this.orm.getMigrator().up();
    if (applied.length > 0) this.logger.log(`Applied ${applied.map((m) => m.name).join(', ')}`);
  }
}
