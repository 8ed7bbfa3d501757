import { expect } from 'chai';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, ensureDatabase } from '../../../src/db/data-source.js';
import { parseDatabaseUrl } from '../../../src/db/database-url.js';
import { freshDatabaseUrl } from '../../support/test-database.js';

/** A TCP proxy on 127.0.0.1 to the test MariaDB: a "node" that can die (server and all its connections gone) and come back on its port. */
class NodeProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  accepted = 0;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      this.accepted += 1;
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The node dies: it stops listening and every connection through it is reset. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get open(): number {
    return this.sockets.size / 2;
  }
}

describe('DATABASE_URL with several hosts: the pool moves to a live host when its host dies', function () {
  this.timeout(60_000);
  const adminUrl = freshDatabaseUrl('failover');
  const { host, port, database } = parseDatabaseUrl(adminUrl);
  const nodes = [new NodeProxy({ host, port }), new NodeProxy({ host, port }), new NodeProxy({ host, port })];
  let ds: DataSource | null = null;

  before(async () => {
    await ensureDatabase(adminUrl);
    for (const n of nodes) await n.up();
  });
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    ds = null;
  });
  after(async () => {
    for (const n of nodes) await n.down();
    await dropDatabase(adminUrl);
  });

  const urlOf = () => `mysql://root@${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/${database}`;
  const burst = async (n = 8) =>
    await Promise.all(
      Array.from({ length: n }, () =>
        ds!.query('SELECT SLEEP(0.02) AS s, 1 AS one').then(
          () => 'ok',
          (err: Error) => err.message,
        ),
      ),
    );

  it('uses the first host only; when it dies, the next queries go to the second (at most one in-flight query per lost connection fails)', async () => {
    ds = createDataSource(urlOf(), { poolSize: 4 });
    await ds.initialize();
    expect(await burst()).to.deep.equal(Array(8).fill('ok'));
    expect(nodes[0].open).to.be.greaterThan(0);
    expect(nodes[1].accepted + nodes[2].accepted).to.equal(0);

    await nodes[0].down();
    // The pooled connections to the dead host fail once each (their queries report a lost connection: a step's job
    // retries them); every new connection goes to the next host.
    const lost = (await burst()).filter((r) => r !== 'ok').length;
    expect(lost).to.be.at.most(4);
    expect(await burst()).to.deep.equal(Array(8).fill('ok'));
    expect(nodes[1].open).to.be.greaterThan(0);
    expect(nodes[2].accepted).to.equal(0);

    // The first host returns: the pool stays where it is (one writer node per process, no flapping).
    await nodes[0].up();
    const before = nodes[0].accepted;
    await ds.destroy();
    expect(nodes[0].accepted).to.equal(before);
  });

  it('a host that is already dead when a connection opens is skipped without any error', async () => {
    await nodes[1].down();
    await nodes[0].down();
    ds = createDataSource(urlOf(), { poolSize: 4 });
    await ds.initialize();
    expect(await burst()).to.deep.equal(Array(8).fill('ok'));
    expect(nodes[2].open).to.be.greaterThan(0);
    await nodes[0].up();
    await nodes[1].up();
  });

  it('creates and drops the database through the first host that answers', async () => {
    await nodes[0].down();
    const other = `mysql://root@${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/${database}_x`;
    await ensureDatabase(other);
    const rows = await (async () => {
      const probe = createDataSource(other, { poolSize: 1 });
      await probe.initialize();
      try {
        return await probe.query<Array<{ db: string }>>('SELECT DATABASE() AS db');
      } finally {
        await probe.destroy();
      }
    })();
    expect(rows[0].db).to.equal(`${database}_x`);
    await dropDatabase(other);
    await nodes[0].up();
  });
});
