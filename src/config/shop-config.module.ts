import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig, databaseConfig, mailConfig } from './app.config';
import { sessionSecretProvider, SESSION_SECRET } from './session-secret';

/**
 * The configuration, read once from the environment (see readEnv) into typed namespaces that
 * any provider injects with `@Inject(appConfig.KEY)`; main.ts and configureApp read them the same
 * way, with `app.get(appConfig.KEY)`.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [appConfig, databaseConfig, authConfig, mailConfig],
    }),
  ],
  providers: [sessionSecretProvider],
  exports: [SESSION_SECRET],
})
export class ShopConfigModule {}
