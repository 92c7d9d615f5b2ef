import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import hbs from 'hbs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { VIEWS_DIR } from '../common/views';
import { mailConfig } from '../config/app.config';

export interface ResetMail {
  userId: number;
  to: string;
  username: string;
  link: string;
}

const SUBJECT = 'Reset your password for The Shop';

/** Bounded waits, so a dead mail server cannot keep a send (or the shutdown) hanging for minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends the reset link over SMTP (SMTP_URL; nodemailer upgrades with STARTTLS whenever the
 * server offers it). Without SMTP_URL the link is written to the log on one line, so a first
 * local start can still reset a password. Never throws: a failure is logged without the link.
 */
@Injectable()
export class ResetMailer implements OnApplicationShutdown {
  private readonly logger = new Logger('PasswordReset');
  private readonly transport?: Transporter;
  private readonly html = compile('password-reset.html.hbs');
  // Plain text is never read as HTML: escaping would only garble it.
  private readonly text = compile('password-reset.text.hbs', { noEscape: true });

  constructor(@Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>) {
    if (config.smtpUrl) this.transport = createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  }

  /** Resolves whether or not the mail went out; true when it did (or was logged). */
  async send(mail: ResetMail): Promise<boolean> {
    if (!this.transport) {
      this.logger.log(`SMTP_URL is not set, so no mail was sent. Password reset link for ${mail.to}: ${mail.link}`);
      return true;
    }
    const data = { username: mail.username, link: mail.link, minutes: 60 };
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: mail.to,
        subject: SUBJECT,
        text: this.text(data),
        html: this.html(data),
      });
      return true;
    } catch (error) {
      // The server's answer may quote what it was sent: the link is cut out of it.
      const reason = String((error as Error)?.message ?? error).split(mail.link).join('[link]');
      this.logger.error(`Password reset mail to user ${mail.userId} could not be sent: ${reason}`);
      return false;
    }
  }

  /** After PasswordResetService's beforeApplicationShutdown has let the pending mails finish. */
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function compile(file: string, options?: { noEscape: boolean }) {
  return hbs.handlebars.compile(readFileSync(join(VIEWS_DIR, 'mail', file), 'utf8'), { strict: true, ...options });
}
