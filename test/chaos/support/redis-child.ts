import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free when this returns). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}

/**
 * A private `redis-server` for the scenarios that restart Redis (the machine's shared Redis is never touched): its
 * own port and data folder, append-only file on (`appendfsync everysec`, the usual production setting), no RDB
 * snapshots. It can be shut down cleanly or killed, and started again on the same port and data.
 */
export class RedisChild {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisChild> {
    const redis = new RedisChild(await freePort(), await mkdtemp(join(tmpdir(), 'upshift-chaos-redis-')));
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Stops Redis: `SHUTDOWN` (the append-only file is flushed) or SIGKILL (up to a second of writes lost). */
  async down(how: 'shutdown' | 'kill'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    if (how === 'kill') child.kill('SIGKILL');
    else {
      const admin = new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
      admin.on('error', () => undefined);
      await admin.connect();
      await admin.call('SHUTDOWN').catch(() => undefined); // the connection drops as the server exits
      admin.disconnect();
    }
    await exited;
    this.child = null;
  }

  /** Starts Redis on its port with its data folder (what the append-only file holds comes back). */
  async up(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      const probe = new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const pong = await probe.connect().then(
        () => probe.ping(),
        () => null,
      );
      probe.disconnect();
      if (pong === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  async close(): Promise<void> {
    await this.down('kill');
    await rm(this.dir, { recursive: true, force: true });
  }
}
