import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig, appConfig } from '../config/app.config';

/**
 * The few start-up lines a person reads: warnings about the set-up, the generated admin
 * password in a framed block, and where the shop is open. main.ts calls `announce()` once the
 * shop listens, so the block is the last thing on the screen, not lost among module lines.
 */
@Injectable()
export class StartupReport implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shop');
  private generatedAdmin?: { username: string; password: string };

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  /** The first admin's generated password, shown once by `announce()`. */
  firstAdminCreated(username: string, password: string): void {
    this.generatedAdmin = { username, password };
  }

  announce(): void {
    if (this.config.nodeEnvUnset) {
      this.logger.warn('NODE_ENV is not set: running in development mode: cookies are not Secure. Set NODE_ENV=production in production.');
    }
    const shopUrl = this.config.publicUrl;
    const admin = this.generatedAdmin;
    this.generatedAdmin = undefined;
    if (admin) {
      const loginUrl = `${shopUrl}/login`;
      const sentence = `Created the first admin "${admin.username}" with the password ${admin.password} (shown once: change it on /profile). Sign in at ${loginUrl}`;
      // JSON lines stay one sentence with fields; a person at a terminal gets a block that stands out.
      if (this.config.nodeEnv === 'development') this.logger.warn(adminBlock(admin, loginUrl));
      else this.logger.warn({ adminUsername: admin.username, loginUrl, msg: sentence });
    }
    this.logger.log(`The shop is open on ${shopUrl}`);
  }

  beforeApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log(`Received ${signal}: finishing the requests in flight, then stopping`);
  }
}

function adminBlock(admin: { username: string; password: string }, loginUrl: string): string {
  const lines = [
    'First admin created: sign in and change this password on /profile.',
    '',
    `  Sign in at  ${loginUrl}`,
    `  Username    ${admin.username}`,
    `  Password    ${admin.password}`,
    '',
    'The password is shown only this once.',
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const rule = '='.repeat(width);
  return ['', rule, ...lines.map((line) => (line ? `  ${line}` : '')), rule].join('\n');
}
