import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { authConfig } from '../config/app.config';
import { runStartupTask } from '../database/startup-task';
import { StartupReport } from '../logging/startup-report';
import { RolesService } from '../roles/roles.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Any fixed number: the advisory lock that lets one process at a time create the first admin. */
const FIRST_ADMIN_LOCK = 7_262_001;

/**
 * At start-up, after the migrations: when nobody holds an active admin role, create the admin
 * from ADMIN_* (or a generated password, printed once at the end of start-up). Several
 * processes may start at once; the advisory lock makes them take turns, and the later ones find
 * the admin already there.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    private readonly startup: StartupReport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await runStartupTask(this.orm, FIRST_ADMIN_LOCK, () => this.ensureFirstAdmin());
  }

  private async ensureFirstAdmin(): Promise<void> {
    if ((await this.roles.countActiveHolders('admin')) > 0) return;
    const { adminUsername: username, adminEmail: email } = this.config;
    if (Object.keys(await this.users.findTaken({ username, email })).length > 0) {
      this.logger.error(`No admin exists and "${username}" or ${email} belongs to a user: grant admin by hand.`);
      return;
    }
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const admin = this.em.create(User, { username, email, password: await this.users.hashPassword(password) });
    await this.em.flush();
    await this.roles.setGrant(admin.id, 'admin', { active: true });
    if (this.config.adminPassword) this.logger.log(`Created the first admin "${username}" with the password from ADMIN_PASSWORD.`);
    // Shown once, framed, at the end of start-up (StartupReport), where a person will see it.
    else this.startup.firstAdminCreated(username, password);
  }
}
