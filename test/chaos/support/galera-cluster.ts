import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { freePort } from './redis-child.js';

/** The user the nodes run as when the tests run as root (see {@link GaleraCluster.start}). */
const RUN_AS = process.getuid?.() === 0 ? 'nobody' : null;

/** Debian's galera-4 package. */
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';

interface GaleraNode {
  name: string;
  dir: string;
  /** MySQL port, Galera group port, IST port, SST (rsync) port. */
  port: number;
  groupPort: number;
  istPort: number;
  sstPort: number;
  child: ChildProcess | null;
}

/**
 * A private three-node MariaDB Galera cluster on loopback (the machine's MariaDB on 3306 is never touched):
 * `mariadb-install-db` into the first node's data folder, that node bootstrapped (`--wsrep-new-cluster`), the other
 * two joining with an rsync state transfer. Every address — MySQL, group communication, IST, SST — is 127.0.0.1
 * on its own port. Nodes can be SIGKILLed and restarted (they rejoin by IST from the survivors' gcache).
 */
export class GaleraCluster {
  private constructor(
    private readonly root: string,
    readonly nodes: GaleraNode[],
  ) {}

  /** Whether this machine can run one (mariadbd, the galera-4 provider, rsync). */
  static available(): boolean {
    return (
      existsSync(GALERA_PROVIDER) &&
      spawnSync('rsync', ['--version']).status === 0 &&
      spawnSync('mariadbd', ['--version']).status === 0
    );
  }

  static async start(size = 3): Promise<GaleraCluster> {
    const root = await mkdtemp(join(tmpdir(), 'upshift-chaos-galera-'));
    // Run as root, the joiner's rsync daemon (state transfer) drops to `nobody`: the nodes run as `nobody` too, so the
    // data folders and every file the donor sends are nobody's.
    await chmod(root, 0o755);
    const nodes: GaleraNode[] = [];
    for (let i = 1; i <= size; i++) {
      const dir = join(root, `node${i}`);
      await mkdir(join(dir, 'data'), { recursive: true });
      await chmod(dir, 0o755);
      nodes.push({
        name: `node${i}`,
        dir,
        port: await freePort(),
        groupPort: await freePort(),
        istPort: await freePort(),
        sstPort: await freePort(),
        child: null,
      });
    }
    if (RUN_AS) spawnSync('chown', ['-R', `${RUN_AS}:nogroup`, root]);
    const install = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(nodes[0].dir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(RUN_AS ? [`--user=${RUN_AS}`] : []),
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0)
      throw new Error(`mariadb-install-db failed (${install.status}): ${install.stderr || install.stdout}`);
    const cluster = new GaleraCluster(root, nodes);
    await cluster.up(0, { bootstrap: true });
    for (let i = 1; i < size; i++) await cluster.up(i);
    return cluster;
  }

  /** `mysql://root@127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>` (add `/<database>`). */
  get url(): string {
    return `mysql://root@${this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`;
  }

  /** Starts node `index` (bootstrap: a new cluster from its data) and waits until it is Synced. */
  async up(index: number, opts: { bootstrap?: boolean } = {}): Promise<void> {
    const n = this.nodes[index];
    const address = `gcomm://${this.nodes.map((x) => `127.0.0.1:${x.groupPort}`).join(',')}`;
    n.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(n.dir, 'data')}`,
        `--port=${n.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(n.dir, 'mysqld.sock')}`,
        `--pid-file=${join(n.dir, 'mysqld.pid')}`,
        `--log-error=${join(n.dir, 'error.log')}`,
        '--innodb-buffer-pool-size=96M',
        '--max-connections=500',
        '--skip-name-resolve',
        '--binlog-format=ROW',
        '--default-storage-engine=InnoDB',
        '--innodb-autoinc-lock-mode=2',
        '--wsrep-on=ON',
        `--wsrep-provider=${GALERA_PROVIDER}`,
        '--wsrep-cluster-name=upshift-chaos',
        `--wsrep-cluster-address=${address}`,
        `--wsrep-node-name=${n.name}`,
        '--wsrep-node-address=127.0.0.1',
        `--wsrep-node-incoming-address=127.0.0.1:${n.port}`,
        `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${n.groupPort};ist.recv_addr=127.0.0.1:${n.istPort};gcache.size=128M`,
        '--wsrep-sst-method=rsync',
        `--wsrep-sst-receive-address=127.0.0.1:${n.sstPort}`,
        '--wsrep-slave-threads=2',
        ...(opts.bootstrap ? ['--wsrep-new-cluster'] : []),
        ...(RUN_AS ? [`--user=${RUN_AS}`] : []),
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 1200; i++) {
      if (n.child.exitCode !== null)
        throw new Error(`${n.name} exited with ${n.child.exitCode}: ${(await this.errorLog(index)).slice(-2000)}`);
      if ((await this.status(index).catch(() => null))?.wsrep_local_state_comment === 'Synced') return;
      await sleep(100);
    }
    throw new Error(`${n.name} did not reach Synced within 120 s: ${(await this.errorLog(index)).slice(-2000)}`);
  }

  /** SIGKILLs node `index` (a crash: its connections drop, the others evict it from the cluster). */
  async kill(index: number): Promise<void> {
    const child = this.nodes[index].child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.nodes[index].child = null;
  }

  /** `SHOW GLOBAL STATUS LIKE 'wsrep_%'` of node `index`. */
  async status(index: number): Promise<Record<string, string>> {
    const conn = await createConnection({
      host: '127.0.0.1',
      port: this.nodes[index].port,
      user: 'root',
      connectTimeout: 1_000,
    });
    try {
      const [rows] = (await conn.query(`SHOW GLOBAL STATUS LIKE 'wsrep_%'`)) as unknown as [
        Array<{ Variable_name: string; Value: string }>,
      ];
      return Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
    } finally {
      await conn.end();
    }
  }

  /** The cluster size a live node reports, and its state. */
  async view(): Promise<{ size: number; states: string[] }> {
    const states: string[] = [];
    let size = 0;
    for (let i = 0; i < this.nodes.length; i++) {
      const s = this.nodes[i].child ? await this.status(i).catch(() => null) : null;
      states.push(s ? `${this.nodes[i].name} ${s.wsrep_local_state_comment}` : `${this.nodes[i].name} down`);
      if (s) size = Math.max(size, Number(s.wsrep_cluster_size));
    }
    return { size, states };
  }

  async errorLog(index: number): Promise<string> {
    return readFile(join(this.nodes[index].dir, 'error.log'), 'utf8').catch(() => '');
  }

  async close(): Promise<void> {
    for (let i = 0; i < this.nodes.length; i++) await this.kill(i);
    await rm(this.root, { recursive: true, force: true });
  }
}
