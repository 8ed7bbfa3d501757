import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './redis-child.js';

/** Options of {@link RedisSentinelChild.start}. */
export interface RedisSentinelOptions {
  /** Sentinel's `down-after-milliseconds`: how long the master must not answer before it is called down. @defaultValue 5000 */
  downAfterMs?: number;
  /** Sentinel's `failover-timeout`. @defaultValue 30000 */
  failoverTimeoutMs?: number;
}

interface Server {
  port: number;
  dir: string;
  child: ChildProcess | null;
}

/**
 * A private replicated Redis with Sentinel, on loopback ports (the machine's Redis is never touched): one master
 * and one replica (`redis-server`, append-only file with `appendfsync everysec`, asynchronous replication), and
 * three Sentinels (`redis-server <conf> --sentinel`, quorum 2) monitoring the master as `mymaster`. The master can
 * be SIGKILLed; the Sentinels then promote the replica, and the old master can be started again on its data, when
 * the Sentinels make it a replica of the new one.
 */
export class RedisSentinelChild {
  readonly masterName = 'mymaster';

  private constructor(
    private readonly root: string,
    readonly servers: Server[],
    readonly sentinels: Server[],
    private readonly opts: Required<RedisSentinelOptions>,
  ) {}

  static async start(opts: RedisSentinelOptions = {}): Promise<RedisSentinelChild> {
    const root = await mkdtemp(join(tmpdir(), 'upshift-chaos-sentinel-'));
    const make = async (name: string): Promise<Server> => {
      const dir = join(root, name);
      await mkdir(dir);
      return { port: await freePort(), dir, child: null };
    };
    const servers = [await make('redis-a'), await make('redis-b')];
    const sentinels = [await make('sentinel-1'), await make('sentinel-2'), await make('sentinel-3')];
    const env = new RedisSentinelChild(root, servers, sentinels, {
      downAfterMs: opts.downAfterMs ?? 5000,
      failoverTimeoutMs: opts.failoverTimeoutMs ?? 30_000,
    });
    await env.startServer(0, null);
    await env.startServer(1, servers[0].port);
    await env.waitForReplication(1);
    for (let i = 0; i < sentinels.length; i++) await env.startSentinel(i);
    await env.waitForSentinels();
    return env;
  }

  /** `redis+sentinel://127.0.0.1:<s1>,127.0.0.1:<s2>,127.0.0.1:<s3>/mymaster` */
  get url(): string {
    return `redis+sentinel://${this.sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${this.masterName}`;
  }

  /** The port of the server the Sentinels call master now. */
  async masterPort(): Promise<number> {
    for (const s of this.sentinels) {
      if (!s.child) continue;
      const r = await this.ask(
        s.port,
        (c) => c.call('SENTINEL', 'get-master-addr-by-name', this.masterName) as Promise<[string, string] | null>,
      ).catch(() => null);
      if (r) return Number(r[1]);
    }
    throw new Error('no Sentinel answered');
  }

  /** Index (0, 1) of the server that is the master now. */
  async masterIndex(): Promise<number> {
    const port = await this.masterPort();
    return this.servers.findIndex((s) => s.port === port);
  }

  /** SIGKILLs server `index` (writes not yet replicated are lost: replication is asynchronous). */
  async kill(index: number): Promise<void> {
    const child = this.servers[index].child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.servers[index].child = null;
  }

  /** Waits until the Sentinels name another master than `port` and it answers as a master; returns its port. */
  async waitForFailover(fromPort: number, timeoutMs = 60_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const port = await this.masterPort().catch(() => fromPort);
      if (port !== fromPort) {
        const role = await this.ask(port, (c) => c.call('ROLE') as Promise<[string]>).catch(() => null);
        if (role?.[0] === 'master') return port;
      }
      await sleep(100);
    }
    throw new Error(`no failover from port ${fromPort} within ${timeoutMs} ms`);
  }

  /** Starts server `index` again on its port and data (a former master comes back and is made a replica by Sentinel). */
  async restart(index: number): Promise<void> {
    await this.startServer(index, null);
  }

  async close(): Promise<void> {
    for (const s of [...this.sentinels, ...this.servers]) {
      if (!s.child) continue;
      const exited = once(s.child, 'exit');
      s.child.kill('SIGKILL');
      await exited;
      s.child = null;
    }
    await rm(this.root, { recursive: true, force: true });
  }

  private async startServer(index: number, replicaOf: number | null): Promise<void> {
    const s = this.servers[index];
    s.child = spawn(
      'redis-server',
      [
        '--port',
        String(s.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--dir',
        s.dir,
        ...(replicaOf === null ? [] : ['--replicaof', '127.0.0.1', String(replicaOf)]),
      ],
      { stdio: 'ignore' },
    );
    await this.waitForPong(s, 'redis-server');
  }

  private async startSentinel(index: number): Promise<void> {
    const s = this.sentinels[index];
    const conf = join(s.dir, 'sentinel.conf');
    const master = this.servers[0].port;
    await writeFile(
      conf,
      [
        `port ${s.port}`,
        'bind 127.0.0.1',
        `dir ${s.dir}`,
        `sentinel monitor ${this.masterName} 127.0.0.1 ${master} 2`,
        `sentinel down-after-milliseconds ${this.masterName} ${this.opts.downAfterMs}`,
        `sentinel failover-timeout ${this.masterName} ${this.opts.failoverTimeoutMs}`,
        `sentinel parallel-syncs ${this.masterName} 1`,
        '',
      ].join('\n'),
    );
    s.child = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    await this.waitForPong(s, 'redis-sentinel');
  }

  private async waitForPong(s: Server, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (s.child?.exitCode !== null && s.child?.exitCode !== undefined)
        throw new Error(`${what} on port ${s.port} exited with ${s.child.exitCode}`);
      if ((await this.ask(s.port, (c) => c.ping()).catch(() => null)) === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`${what} did not answer on port ${s.port}`);
  }

  private async waitForReplication(replica: number): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const info = await this.ask(this.servers[replica].port, (c) => c.info('replication')).catch(() => '');
      if (/master_link_status:up/.test(info)) return;
      await sleep(100);
    }
    throw new Error('the replica did not sync');
  }

  /** Every Sentinel knows the replica and the other Sentinels (a failover needs them). */
  private async waitForSentinels(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const views = await Promise.all(
        this.sentinels.map((s) =>
          this.ask(s.port, (c) => c.call('SENTINEL', 'master', this.masterName) as Promise<string[]>).catch(() => []),
        ),
      );
      const ok = views.every((v) => {
        const m = new Map<string, string>();
        for (let k = 0; k + 1 < v.length; k += 2) m.set(v[k], v[k + 1]);
        return Number(m.get('num-slaves') ?? 0) >= 1 && Number(m.get('num-other-sentinels') ?? 0) >= 2;
      });
      if (ok) return;
      await sleep(100);
    }
    throw new Error('the Sentinels did not discover each other and the replica within 30 s');
  }

  private async ask<T>(port: number, call: (c: Redis) => Promise<T>): Promise<T> {
    const c = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1000,
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      return await call(c);
    } finally {
      c.disconnect();
    }
  }
}
