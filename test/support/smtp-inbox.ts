import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  mail: ParsedMail;
  /** The SMTP envelope: who the client said it was from and to. */
  envelopeFrom: string | false;
  envelopeTo: string[];
  /** True when the session had been upgraded with STARTTLS before the message. */
  secure: boolean;
  /** The user the client logged in as, if it did. */
  user?: string;
}

export interface Inbox {
  /** SMTP_URL for the app. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the messages once `count` have arrived (no polling, no sleeping). */
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface InboxOptions {
  /** Offer STARTTLS (smtp-server's own self-signed certificate) and require this login over it. */
  login?: { user: string; pass: string };
}

/**
 * A real SMTP server in the test process (smtp-server), parsing what arrives with mailparser.
 * With `login`, it offers STARTTLS and accepts AUTH only over TLS, as a real provider does.
 */
export async function startInbox(options: InboxOptions = {}): Promise<Inbox> {
  const messages: ReceivedMail[] = [];
  const waiters: { count: number; resolve: (mail: ReceivedMail[]) => void }[] = [];
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disabledCommands: options.login ? [] : ['STARTTLS', 'AUTH'],
    authOptional: !options.login,
    onAuth(auth, _session, callback) {
      if (auth.username === options.login?.user && auth.password === options.login?.pass) {
        return callback(null, { user: auth.username });
      }
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            mail,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            secure: session.secure,
            user: session.user as string | undefined,
          });
          for (const waiter of waiters.filter((w) => messages.length >= w.count)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve([...messages]);
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = options.login ? `${options.login.user}:${options.login.pass}@` : '';
  // The test server's certificate is self-signed: only this test URL skips its verification.
  const query = options.login ? '?tls.rejectUnauthorized=false' : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}${query}`,
    messages,
    waitFor(count) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link in a text body: the whole URL, token included. */
export function resetLinkIn(text: string | undefined): string {
  const match = /https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/.exec(text ?? '');
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[0];
}
