import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

function freePort(): Promise<number> {
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
 * A private Redis Cluster of three masters (no replicas) on loopback ports, made with `redis-cli --cluster create`
 * (the machine's Redis on 6379 is never touched): `redis-server --cluster-enabled yes`, each with its own data folder,
 * port and cluster bus port, nothing kept on disk.
 */
export class RedisClusterChild {
  private constructor(
    private readonly root: string,
    readonly ports: number[],
    private readonly children: ChildProcess[],
  ) {}

  static async start(masters = 3): Promise<RedisClusterChild> {
    const root = await mkdtemp(join(tmpdir(), 'upshift-redis-cluster-'));
    const ports: number[] = [];
    const children: ChildProcess[] = [];
    for (let i = 0; i < masters; i++) {
      const dir = join(root, `node${i}`);
      await mkdir(dir);
      const port = await freePort();
      const busPort = await freePort();
      ports.push(port);
      children.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--cluster-port',
            String(busPort),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, 'nodes.conf'),
            '--cluster-node-timeout',
            '5000',
            '--save',
            '',
            '--appendonly',
            'no',
            '--dir',
            dir,
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    const cluster = new RedisClusterChild(root, ports, children);
    for (const port of ports) await cluster.waitFor(port, async (c) => (await c.ping()) === 'PONG');
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8' },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stderr || create.stdout}`);
    for (const port of ports)
      await cluster.waitFor(port, async (c) => /cluster_state:ok/.test(await c.cluster('INFO')));
    return cluster;
  }

  /** `redis+cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>` */
  get url(): string {
    return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  async close(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    await rm(this.root, { recursive: true, force: true });
  }

  /** Synchronous SIGKILL of every node (for process exit hooks). */
  killNow(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
  }

  private async waitFor(port: number, check: (c: Redis) => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const c = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      c.on('error', () => undefined);
      const ok = await c
        .connect()
        .then(
          () => check(c),
          () => false,
        )
        .catch(() => false);
      c.disconnect();
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`Redis cluster node on port ${port} not ready`);
  }
}
