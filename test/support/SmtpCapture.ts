// A real SMTP server (smtp-server) on 127.0.0.1 for the email channel's tests: it checks the login,
// refuses or defers recipients the test names, and keeps every message it accepts, raw.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface CapturedMessage {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as it arrived after DATA (headers and MIME body), CRLF line ends. */
  readonly raw: string;
  /** The login the session used, if any. */
  readonly user?: string;
}

export interface SmtpCaptureOptions {
  readonly user: string;
  readonly password: string;
}

/** Reply codes a test can make the server answer RCPT TO with, per recipient address. */
export type RecipientVerdict = 550 | 451;

export class SmtpCapture {
  readonly messages: CapturedMessage[] = [];
  /** Addresses answered with a refusal (550) or a deferral (451) at RCPT TO. */
  readonly verdicts = new Map<string, RecipientVerdict>();
  private server: SMTPServer | undefined;
  private port: number | undefined;

  constructor(private readonly login: SmtpCaptureOptions) {}

  /** `smtp://user:password@127.0.0.1:port`, the credentials percent-encoded. */
  get url(): string {
    return this.urlWith(this.login.password);
  }

  /** The same server with another password (to test a refused login). */
  urlWith(password: string): string {
    if (this.port === undefined) {
      throw new Error('SmtpCapture is not started.');
    }
    const user = encodeURIComponent(this.login.user);
    return `smtp://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      logger: false,
      // The channel's transport upgrades to TLS when offered; these tests are about SMTP itself.
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.login.user && auth.password === this.login.password) {
          callback(null, { user: auth.username });
        } else {
          callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        }
      },
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const verdict = this.verdicts.get(address.address);
        if (verdict === 550) {
          callback(
            Object.assign(new Error(`5.1.1 <${address.address}>: Recipient unknown`), { responseCode: 550 }),
          );
        } else if (verdict === 451) {
          callback(
            Object.assign(new Error(`4.7.1 <${address.address}>: Try again later`), { responseCode: 451 }),
          );
        } else {
          callback();
        }
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          this.messages.push({
            from: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
            to: envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            ...(typeof session.user === 'string' ? { user: session.user } : {}),
          });
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
