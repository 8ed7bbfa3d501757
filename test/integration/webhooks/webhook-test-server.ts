import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { verifyWebhookSignature } from '../../../src/webhooks/webhook-signature.js';

/** What the endpoint does with one request. */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/** One request as the endpoint saw it. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
  /** The signature checked with the project's `verifyWebhookSignature`. */
  verifiedBySrc: boolean;
  /** The signature checked by this file's own parsing and HMAC, which shares no code with src. */
  verifiedIndependently: boolean;
  /** The Standard Webhooks headers checked by the `standardwebhooks` npm package (what front-ends use). */
  verifiedStandard: boolean;
}

/**
 * The `whsec_` string a receiver gives its Standard Webhooks library, written here from docs/WEBHOOKS.md without src's
 * code: a `whsec_<base64 of 24-64 bytes>` secret as it is, any other secret as `whsec_` + base64 of its bytes.
 */
export function receiverWhsec(secret: string): string {
  const rest = secret.startsWith('whsec_') ? secret.slice(6) : null;
  const bytes =
    rest !== null && /^[A-Za-z0-9+/]*={0,2}$/.test(rest) && rest.length % 4 === 0
      ? Buffer.from(rest, 'base64').length
      : 0;
  return bytes >= 24 && bytes <= 64 ? secret : `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** Verifies with the `standardwebhooks` package; false when it throws (bad signature, old timestamp, missing header). */
function standardVerify(whsec: string, headers: http.IncomingHttpHeaders, rawBody: Buffer): boolean {
  try {
    new Webhook(whsec).verify(rawBody.toString('utf8'), headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

/** Parses `t=…,v1=…` and recomputes HMAC-SHA256("<t>.<raw body>") itself. */
function independentVerify(secret: string, header: string | undefined, rawBody: Buffer): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${match[1]}.`), rawBody]))
    .digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

/**
 * A front-end's webhook endpoint: a real HTTP server on 127.0.0.1 and a free port. It checks every request's
 * signature two ways and answers from a script (`answerNext`), 200 when the script is empty. `'hang'` never answers
 * (until `close`), to exercise the sender's timeout.
 */
export class WebhookTestServer {
  readonly received: ReceivedWebhook[] = [];
  private readonly script: Answer[] = [];
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    private readonly secret: string,
  ) {}

  static async start(secret: string): Promise<WebhookTestServer> {
    let self: WebhookTestServer | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => self!.handle(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new WebhookTestServer(server, secret);
    return self;
  }

  url(path = '/hooks/upshift'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  answerNext(...answers: Answer[]): void {
    this.script.push(...answers);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer): void {
    const signature = req.headers['upshift-signature'] as string | undefined;
    this.received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      rawBody,
      verifiedBySrc: verifyWebhookSignature(this.secret, signature, rawBody),
      verifiedIndependently: independentVerify(this.secret, signature, rawBody),
      verifiedStandard: standardVerify(receiverWhsec(this.secret), req.headers, rawBody),
    });
    const answer = this.script.shift() ?? { status: 200 };
    if (answer === 'hang') {
      this.hanging.add(res);
      return;
    }
    res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers });
    res.end(`answered ${answer.status}`);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
