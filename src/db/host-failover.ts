import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { HostPort } from '../config/host-list.js';
import { isLostDbConnection } from './retryable-db-error.js';

/** Options of {@link HostFailover}. */
export interface HostFailoverOptions {
  /** How long one host may take to accept a TCP connection before the next is tried. @defaultValue 3000 */
  connectTimeoutMs?: number;
  /** Told when the pool moves to another host (for the log). */
  onSwitch?: (from: HostPort, to: HostPort, reason: string) => void;
}

/**
 * Several database hosts behind one connection pool (`DATABASE_URL=mysql://u:p@h1:3306,h2:3307,h3:3308/db`): every
 * new connection goes to the **current** host, and when that host refuses or times out the connection moves on to
 * the next one (in the order given, wrapping round) and that one becomes current. The pool stays on a host until it
 * fails — it does not move back when the first host returns — so one process writes to one Galera node at a time,
 * the setting Galera's documentation recommends against certification conflicts.
 *
 * How: mysql2 accepts a `stream` factory for each new connection (TypeORM passes `extra` through); {@link stream}
 * returns a duplex that connects to the current host, or the next ones, before the MySQL handshake starts. A
 * connection that breaks later (the node died under it) fails its query as before — the step retries or the job
 * retries — and the pool's next connection finds a live host. `markDown` drops every connection to a host, for a node
 * that still accepts connections but must not be used.
 */
export class HostFailover {
  private current = 0;
  private readonly open = new Set<FailoverStream>();
  readonly connectTimeoutMs: number;

  constructor(
    readonly hosts: readonly HostPort[],
    private readonly opts: HostFailoverOptions = {},
  ) {
    if (hosts.length === 0) throw new RangeError('HostFailover: no hosts');
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
  }

  /** The host new connections go to. */
  get currentHost(): HostPort {
    return this.hosts[this.current];
  }

  /** mysql2's `stream` option: a new connection to the current host, or the next live one. */
  readonly stream = (): Duplex => {
    const s = new FailoverStream(this, this.current);
    this.open.add(s);
    s.once('close', () => this.open.delete(s));
    return s;
  };

  /** Called by a stream that could not reach host `index`: the next host becomes current (if `index` still was). */
  failed(index: number, reason: string): void {
    if (index !== this.current || this.hosts.length === 1) return;
    const from = this.hosts[index];
    this.current = (index + 1) % this.hosts.length;
    this.opts.onSwitch?.(from, this.hosts[this.current], reason);
  }

  /** Moves off host `index` now and drops every open connection to it (their queries fail and are retried). */
  markDown(index: number, reason: string): void {
    this.failed(index, reason);
    for (const s of this.open)
      if (s.hostIndex === index)
        s.destroy(
          new Error(`database host ${this.hosts[index].host}:${this.hosts[index].port} marked down: ${reason}`),
        );
  }

  /** How many connections are open per host (tests, metrics). */
  connectionsPerHost(): number[] {
    const counts = this.hosts.map(() => 0);
    for (const s of this.open) if (s.hostIndex >= 0) counts[s.hostIndex] += 1;
    return counts;
  }
}

/** A duplex over the first TCP connection that succeeds, trying the hosts from `start` on. */
class FailoverStream extends Duplex {
  /** The host this stream is connected to; -1 while connecting. */
  hostIndex = -1;
  private socket: Socket | null = null;
  private readonly pending: Array<{ chunk: Buffer; cb: (err?: Error | null) => void }> = [];

  constructor(
    private readonly failover: HostFailover,
    start: number,
  ) {
    super();
    this.attempt(start, 0, null);
  }

  private attempt(index: number, tried: number, lastError: Error | null): void {
    if (this.destroyed) return;
    const hosts = this.failover.hosts;
    if (tried >= hosts.length) {
      this.destroy(lastError ?? new Error('no database host answered'));
      return;
    }
    const { host, port } = hosts[index];
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(
      () => socket.destroy(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' })),
      this.failover.connectTimeoutMs,
    );
    const onConnectError = (err: Error) => {
      clearTimeout(timer);
      this.failover.failed(index, err.message);
      this.attempt((index + 1) % hosts.length, tried + 1, err);
    };
    socket.once('error', onConnectError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', onConnectError);
      if (this.destroyed) {
        socket.destroy();
        return;
      }
      this.socket = socket;
      this.hostIndex = index;
      socket.setKeepAlive(true);
      socket.on('data', (chunk: Buffer) => {
        if (!this.push(chunk)) socket.pause();
      });
      socket.on('end', () => this.push(null));
      socket.on('error', (err) => this.destroy(err));
      socket.on('close', () => {
        if (!this.destroyed) this.destroy();
      });
      for (const { chunk, cb } of this.pending.splice(0)) socket.write(chunk, cb);
    });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.socket) this.socket.write(chunk, cb);
    else this.pending.push({ chunk, cb });
  }

  override _read(): void {
    this.socket?.resume();
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.socket) this.socket.end(cb);
    else cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket?.destroy();
    cb(err);
  }

  /** mysql2 calls these on a plain socket; forwarded when connected. */
  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket?.setKeepAlive(enable, delay);
    return this;
  }
  setNoDelay(noDelay?: boolean): this {
    this.socket?.setNoDelay(noDelay);
    return this;
  }
}

/** What a switch is logged as when nobody else listens: one JSON line at warn level on stderr, as pino writes them. */
function logSwitch(from: HostPort, to: HostPort, reason: string): void {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), msg: 'database host failed: new connections go to the next host', from: `${from.host}:${from.port}`, to: `${to.host}:${to.port}`, reason })}\n`,
  );
}

/**
 * Extra mysql2 pool options for a URL's hosts: nothing for one host; for several, the failover `stream` factory
 * (see {@link HostFailover}).
 */
export function multiHostPoolOptions(hosts: readonly HostPort[]): { stream?: () => Duplex } {
  if (hosts.length < 2) return {};
  return { stream: new HostFailover(hosts, { onSwitch: logSwitch }).stream };
}

/** The first host of `hosts` that accepts `open` (an admin connection: create or drop the database). */
export async function firstReachable<T>(hosts: readonly HostPort[], open: (host: HostPort) => Promise<T>): Promise<T> {
  let lastError: unknown = null;
  for (const host of hosts) {
    try {
      return await open(host);
    } catch (err) {
      lastError = err;
      if (!isLostDbConnection(err)) throw err;
    }
  }
  throw lastError;
}
