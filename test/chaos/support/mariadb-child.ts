import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { freePort } from './redis-child.js';

/**
 * A private `mariadbd` for the scenarios that take the database down (the machine's shared MariaDB on 3306 is never
 * touched): `mariadb-install-db` into a temporary data folder, then the server on its own port and socket on
 * 127.0.0.1, `root` without a password from 127.0.0.1. InnoDB with its defaults (`innodb_flush_log_at_trx_commit=1`),
 * so a commit acknowledged before a SIGKILL is there after the restart. It can be killed or shut down, and started
 * again on the same port and data.
 */
export class MariadbChild {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<MariadbChild> {
    const dir = await mkdtemp(join(tmpdir(), 'upshift-chaos-mariadb-'));
    const install = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0)
      throw new Error(`mariadb-install-db failed (${install.status}): ${install.stderr || install.stdout}`);
    const db = new MariadbChild(await freePort(), dir);
    await db.up();
    return db;
  }

  /** The server's URL without a database (`mysql://root@127.0.0.1:<port>`). */
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  /** Starts the server on its port with its data folder (after a kill, InnoDB recovers what was committed). */
  async up(): Promise<void> {
    const child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
        '--max-connections=500',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null)
        throw new Error(`mariadbd exited with ${child.exitCode} (see ${join(this.dir, 'error.log')})`);
      const ok = await createConnection({
        host: '127.0.0.1',
        port: this.port,
        user: 'root',
        connectTimeout: 1_000,
      }).then(
        async (c) => {
          await c.query('SELECT 1');
          await c.end();
          return true;
        },
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`mariadbd did not answer on port ${this.port}`);
  }

  /** Stops the server: SIGKILL (a crash: open transactions are rolled back on restart) or SIGTERM (a clean shutdown). */
  async down(how: 'kill' | 'shutdown'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
    await exited;
    this.child = null;
  }

  async close(): Promise<void> {
    await this.down('kill');
    await rm(this.dir, { recursive: true, force: true });
  }
}
