import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PanelServerConfig, PanelType } from '../panel-server-config.js';
import { createFakeCa, issueFakeServerCertificate, type FakeCa, type FakeCertificate } from './fake-ca.js';
import { FakeFaults } from './fake-faults.js';

/** A request as the panel logic sees it. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  remoteAddress: string;
}

/** A reply of the panel logic. */
export interface FakeReply {
  /** @defaultValue 200 — WHM and Plesk report application errors with HTTP 200 */
  status?: number;
  contentType: string;
  /** Extra response headers. @defaultValue none */
  headers?: Record<string, string>;
  body: string;
}

/** What the fake saw of one request. */
export interface FakeRequestRecord {
  action: string;
  /** The action changes an account. */
  mutating: boolean;
  /** The credentials were accepted (null: the request never reached the check, e.g. a reset). */
  authorized: boolean | null;
  /** A write was applied to the fake's state. */
  applied: boolean;
  /** The login the request acted as, when the panel has several (DirectAdmin: `admin|res1` acts as `res1`). */
  actingAs?: string;
}

/** What the panel logic is told about the faults of this request. */
export interface FakeHandleContext {
  /** Answer as if the account were locked (transfer, backup or restore running). */
  locked: boolean;
  /** Note the auth outcome and whether a write happened, for `requests`. */
  record: FakeRequestRecord;
}

/** The certificate a fake serves, and the CA that issued it (null when self-signed). */
export interface FakeTlsMaterial {
  ca: FakeCa | null;
  certificate: FakeCertificate;
}

/** TLS material of a fake: a certificate issued by `ca` (created on the spot when not given). */
export interface FakeServerTlsOptions {
  /** CA to issue the server certificate from; several fakes can share one. */
  ca?: FakeCa;
  /** Use this certificate instead (e.g. a self-signed one, to test pinning). */
  certificate?: FakeCertificate;
}

/**
 * A real HTTPS server on 127.0.0.1 (a free port) with the plumbing every fake panel shares: fault injection,
 * a log of the requests it received, in-flight counting (current and maximum), and pause/resume (requests
 * wait, counted as in flight, until `resume()`). Subclasses supply the panel: request → action, and the reply.
 */
export abstract class FakePanelServer {
  abstract readonly type: PanelType;
  readonly faults = new FakeFaults();
  /** Every request received, in arrival order. */
  readonly requests: FakeRequestRecord[] = [];
  /** Requests being handled right now (from arrival until the reply is sent or the connection closes). */
  inFlight = 0;
  /** The largest `inFlight` seen since start (or `resetStats()`). */
  maxInFlight = 0;
  private server: https.Server | null = null;
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  /** The CA that issued the certificate (null when it is self-signed). */
  readonly ca: FakeCa | null;
  readonly certificate: FakeCertificate;

  protected constructor(tls: FakeTlsMaterial) {
    this.ca = tls.ca;
    this.certificate = tls.certificate;
  }

  /** Makes the TLS material of a fake from its options. */
  protected static async tlsMaterial(options: FakeServerTlsOptions): Promise<FakeTlsMaterial> {
    if (options.certificate) return { ca: options.ca ?? null, certificate: options.certificate };
    const ca = options.ca ?? (await createFakeCa());
    return { ca, certificate: await issueFakeServerCertificate(ca) };
  }

  /** Maps a request to its panel action name, and whether it writes. */
  protected abstract describe(req: FakeRequest): { action: string; mutating: boolean };

  /** Answers a request (after the faults that pre-empt it); applies writes to the state. */
  protected abstract handle(req: FakeRequest, ctx: FakeHandleContext): FakeReply;

  /** The API user and secret the fake accepts (the first configured login). */
  abstract get credentials(): { username: string; secret: string };

  get port(): number {
    if (!this.server) throw new Error('fake panel server is not listening');
    return (this.server.address() as AddressInfo).port;
  }

  readonly hostname = '127.0.0.1';

  /** Starts listening on 127.0.0.1, on a free port. */
  async listen(): Promise<this> {
    const server = https.createServer({ cert: this.certificate.cert, key: this.certificate.key }, (req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`fake panel error: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  /** Stops listening, drops open connections and lets paused requests go. */
  async close(): Promise<void> {
    this.resume();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Holds every request from now on (they count as in flight) until `resume()`. */
  pause(): void {
    if (this.gate) return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  resume(): void {
    this.gate?.open();
    this.gate = null;
  }

  /** How many requests arrived, for one action or in total. */
  count(action?: string): number {
    return action === undefined ? this.requests.length : this.requests.filter((r) => r.action === action).length;
  }

  /** How many write requests arrived (applied or not). */
  get writeRequests(): number {
    return this.requests.filter((r) => r.mutating).length;
  }

  /** Forgets the request log and the in-flight maximum. */
  resetStats(): void {
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
  }

  /**
   * A `PanelServerConfig` that reaches this fake, trusting its CA (or pinning its certificate when it has none),
   * with `maxConcurrency` 4. `overrides` wins, e.g. `{ secret: 'wrong' }` or `{ timeoutMs: 300 }`.
   */
  serverConfig(overrides: Partial<PanelServerConfig> & { id: number }): PanelServerConfig {
    const tls = this.ca
      ? { verify: true, caCert: this.ca.cert, fingerprint: null }
      : { verify: true, caCert: null, fingerprint: this.certificate.fingerprint256 };
    return {
      type: this.type,
      hostname: this.hostname,
      port: this.port,
      ...this.credentials,
      tls,
      maxConcurrency: 4,
      ...overrides,
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'https://127.0.0.1'),
      headers: req.headers,
      body,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    const { action, mutating } = this.describe(request);
    const record: FakeRequestRecord = { action, mutating, authorized: null, applied: false };
    this.requests.push(record);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // Counted out just before the reply is written (so the client cannot start its next call while this one
    // still counts), or when the connection closes first (client timeout, reset).
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      this.inFlight -= 1;
    };
    res.once('close', done);

    const faults = this.faults.take(action);
    if (this.gate) await this.gate.promise;
    for (const fault of faults) if (fault.kind === 'latency') await sleep(fault.ms);
    if (faults.some((f) => f.kind === 'reset')) {
      done();
      req.socket.destroy();
      return;
    }
    const status = faults.find((f) => f.kind === 'status');
    const canned = faults.find((f) => f.kind === 'reply');
    const handled =
      status || (canned && !canned.apply)
        ? null
        : this.handle(request, { locked: faults.some((f) => f.kind === 'locked'), record });
    const reply: FakeReply = status
      ? {
          status: status.status,
          contentType: 'text/html',
          body: `<html><head><title>${status.status}</title></head><body><h1>${status.status}</h1>The server is temporarily unable to service your request.</body></html>`,
        }
      : canned
        ? {
            status: canned.status ?? 200,
            contentType: canned.contentType ?? 'text/plain',
            headers: canned.headers ?? {},
            body: canned.body,
          }
        : handled!;
    if (!status) for (const fault of faults) if (fault.kind === 'late-reply') await sleep(fault.ms);
    done();
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { ...reply.headers, 'Content-Type': reply.contentType });
    res.end(reply.body);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('request body over 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
