import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** One message the server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
}

/** The SMTP command a scripted failure answers. */
export type FailAt = 'RCPT' | 'DATA';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a free port, for the mail tests. It records accepted messages
 * (parsed with mailparser before the 250 reply, so a resolved send can be checked at once), counts connections, and
 * answers scripted failures: `failNext('RCPT', 451)` rejects the next RCPT TO with 451, `failAlways('DATA', 554)`
 * every DATA. With `credentials` it requires AUTH PLAIN/LOGIN with exactly those.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  connections = 0;
  private readonly scripted: { at: FailAt; code: number; always: boolean }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(credentials?: { user: string; pass: string }): Promise<SmtpTestServer> {
    let self: SmtpTestServer | undefined;
    const reject = (at: FailAt): SMTPServerError | null => {
      const index = self!.scripted.findIndex((s) => s.at === at);
      if (index < 0) return null;
      const { code, always } = self!.scripted[index];
      if (!always) self!.scripted.splice(index, 1);
      const err: SMTPServerError = new Error(code < 500 ? 'Try again later (test)' : 'Rejected for good (test)');
      err.responseCode = code;
      return err;
    };
    const server = new SMTPServer({
      authOptional: credentials === undefined,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === credentials?.user && auth.password === credentials?.pass)
          return callback(null, { user: auth.username });
        const err: SMTPServerError = new Error('Authentication failed (test)');
        err.responseCode = 535;
        callback(err);
      },
      onConnect(_session, callback) {
        self!.connections++;
        callback();
      },
      onRcptTo(_address, _session, callback) {
        callback(reject('RCPT'));
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            const err = reject('DATA');
            if (err) return callback(err);
            self!.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              parsed,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('smtp test server: no TCP address');
    self = new SmtpTestServer(server, address.port);
    return self;
  }

  /** `smtp://127.0.0.1:<port>`, with credentials when given (URL-encoded). */
  url(credentials?: { user: string; pass: string }): string {
    const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  failNext(at: FailAt, code: number): void {
    this.scripted.push({ at, code, always: false });
  }

  failAlways(at: FailAt, code: number): void {
    this.scripted.push({ at, code, always: true });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
