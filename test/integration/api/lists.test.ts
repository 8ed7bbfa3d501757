import { expect } from 'chai';
import { upgradeOrdersProcessor } from '../../../workers/upgrade-orders.processor.js';
import { runProcessor } from '../../support/run-processor.js';
import { create, seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

interface Page<T = { id: number }> {
  items: T[];
  next: string | null;
}

/**
 * DESIGN §4.2: the six lists, newest first with an opaque `next` cursor. Every answer here is also checked against the
 * OpenAPI document by the harness.
 */
describe('lists with cursor pagination (MariaDB)', () => {
  let h: ApiHarness;
  let c: SeededCatalog;
  let otherClientId: number;
  const upgradeIds: number[] = [];

  /** Follows `next` until the last page, checking each page's size. */
  const all = async <T extends { id: number }>(path: string, limit: number): Promise<T[]> => {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await h.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).to.equal(200);
      const page = res.json<Page<T>>();
      expect(page.items.length).to.be.at.most(limit);
      out.push(...page.items);
      if (page.next === null) return out;
      expect(page.items.length, 'a page with a next cursor is full').to.equal(limit);
      cursor = page.next;
    }
    throw new Error('more than 100 pages');
  };
  const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

  before(async () => {
    h = await startApiHarness();
    c = await seedCatalog(h);
    otherClientId = (await create(h, '/v1/clients', { email: 'bob@example.test', name: 'Bob', currency: 'USD' })).id;
    // Five more services: three for Jane, two for Bob (one suspended).
    for (const [clientId, status] of [
      [c.clientId, 'active'],
      [c.clientId, 'active'],
      [c.clientId, 'active'],
      [otherClientId, 'active'],
      [otherClientId, 'suspended'],
    ] as const) {
      await create(h, '/v1/services', {
        clientId,
        productId: c.starterId,
        domain: `s${clientId}.example.test`,
        billingCycle: 'monthly',
        nextDueDate: '2025-03-01',
        status,
      });
    }
    // An order on each active service; processing raises its invoice.
    const services = (await h.call('GET', '/v1/services?status=active&limit=500')).json<Page<{ id: number }>>().items;
    for (const s of services) {
      const placed = await h.call('POST', `/v1/services/${s.id}/upgrades`, { productId: c.proId, actor: 'client' });
      expect(placed.statusCode, placed.body).to.equal(202);
      const { upgradeId } = placed.json<{ upgradeId: number }>();
      upgradeIds.push(upgradeId);
      await runProcessor(upgradeOrdersProcessor(h.ctx), { upgradeId });
    }
    // Spread the orders over three days so the created range and the (createdAt, id) order have something to do.
    for (const [i, id] of upgradeIds.entries()) {
      await h.db.ds.query('UPDATE upgrades SET createdAt = ? WHERE id = ?', [
        new Date(Date.UTC(2025, 1, 8 + (i % 3), 10, 0, 0)),
        id,
      ]);
    }
  });
  after(async () => {
    await h.close();
  });

  it('each list pages through every row exactly once, newest first, and each item is the resource GET /:id returns', async () => {
    for (const base of ['/v1/servers', '/v1/products', '/v1/clients', '/v1/services', '/v1/invoices', '/v1/upgrades']) {
      const rows = await all<{ id: number }>(base, 2);
      expect(new Set(ids(rows)).size, base).to.equal(rows.length);
      if (base !== '/v1/upgrades') expect(ids(rows), base).to.deep.equal([...ids(rows)].sort((a, b) => b - a));
      for (const row of rows.slice(0, 3)) {
        expect((await h.call('GET', `${base}/${row.id}`)).json(), `${base}/${row.id}`).to.deep.equal(row);
      }
    }
    expect((await all('/v1/products', 1)).length).to.equal(2);
    expect((await all('/v1/services', 3)).length).to.equal(6);
  });

  it('upgrades are ordered by createdAt, then id, and filtered by status, service, client and creation time', async () => {
    const rows = await all<{ id: number; createdAt: string; serviceId: number; clientId: number; status: string }>(
      '/v1/upgrades',
      2,
    );
    expect(rows.map((u) => [u.createdAt, u.id])).to.deep.equal(
      rows
        .map((u) => [u.createdAt, u.id])
        .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : Number(b[1]) - Number(a[1]))),
    );
    expect(rows.map((u) => u.id).sort()).to.deep.equal([...upgradeIds].sort());

    const invoiced = await all<{ id: number; status: string }>('/v1/upgrades?status=invoiced', 2);
    expect(invoiced.length).to.equal(upgradeIds.length);
    expect(await all('/v1/upgrades?status=completed', 2)).to.deep.equal([]);
    expect(ids(await all(`/v1/upgrades?serviceId=${c.serviceId}`, 2))).to.deep.equal(
      rows.filter((u) => u.serviceId === c.serviceId).map((u) => u.id),
    );
    expect(ids(await all(`/v1/upgrades?clientId=${otherClientId}`, 1))).to.deep.equal(
      rows.filter((u) => u.clientId === otherClientId).map((u) => u.id),
    );
    const day = await all<{ id: number; createdAt: string }>(
      '/v1/upgrades?createdFrom=2025-02-09&createdTo=2025-02-09',
      1,
    );
    expect(day.map((u) => u.createdAt.slice(0, 10))).to.deep.equal(day.map(() => '2025-02-09'));
    expect(day.length).to.equal(rows.filter((u) => u.createdAt.startsWith('2025-02-09')).length);
    const instant = await all('/v1/upgrades?createdFrom=2025-02-09T10:00:00Z&createdTo=2025-02-10T09:59:59.999Z', 5);
    expect(ids(instant)).to.deep.equal(ids(day));
  });

  it('invoices by status and client; services by client, product and status', async () => {
    expect((await all('/v1/invoices?status=unpaid', 2)).length).to.equal(upgradeIds.length);
    expect(await all('/v1/invoices?status=paid', 2)).to.deep.equal([]);
    expect(
      (await all<{ id: number; clientId: number }>(`/v1/invoices?clientId=${otherClientId}&status=unpaid`, 2)).map(
        (i) => i.clientId,
      ),
    ).to.deep.equal([otherClientId]);
    expect((await all(`/v1/services?clientId=${c.clientId}`, 2)).length).to.equal(4);
    expect((await all(`/v1/services?clientId=${otherClientId}&status=suspended`, 2)).length).to.equal(1);
    expect((await all(`/v1/services?productId=${c.proId}`, 2)).length).to.equal(0);
    expect((await all(`/v1/services?productId=${c.starterId}&status=active`, 10)).length).to.equal(5);
  });

  it('limit defaults to 50; a cursor is only valid with the filters it was issued for; bad parameters are 400s naming them', async () => {
    const first = (await h.call('GET', '/v1/services?limit=2')).json<Page>();
    expect(first.next).to.be.a('string');
    expect((await h.call('GET', '/v1/services')).json<Page>().items.length).to.equal(6);

    const expect400 = async (url: string, field: string) => {
      const res = await h.call('GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).to.equal(400);
      const error = res.json<{ error: { code: string; details?: Array<{ field: string }> } }>().error;
      expect(error.code).to.equal('invalid_input');
      expect(
        error.details?.map((d) => d.field),
        url,
      ).to.include(field);
    };
    await expect400(`/v1/services?limit=2&status=active&cursor=${first.next}`, 'cursor');
    await expect400(`/v1/services?cursor=${first.next}&clientId=${c.clientId}`, 'cursor');
    await expect400('/v1/services?cursor=bm90LWEtY3Vyc29y', 'cursor');
    await expect400('/v1/services?cursor=has%20spaces', 'cursor');
    await expect400('/v1/services?limit=0', 'limit');
    await expect400('/v1/services?limit=501', 'limit');
    await expect400('/v1/services?limit=ten', 'limit');
    await expect400('/v1/services?status=gone', 'status');
    await expect400('/v1/services?clientId=-1', 'clientId');
    await expect400('/v1/services?client=1', 'client');
    await expect400('/v1/upgrades?createdFrom=yesterday', 'createdFrom');
    await expect400('/v1/upgrades?createdFrom=2025-02-10&createdTo=2025-02-09', 'createdTo');
    await expect400('/v1/clients?status=active', 'status');
    // The same cursor with the same filters, in another order, is fine.
    const filtered = (await h.call('GET', `/v1/services?status=active&clientId=${c.clientId}&limit=1`)).json<Page>();
    expect(
      (await h.call('GET', `/v1/services?clientId=${c.clientId}&limit=1&status=active&cursor=${filtered.next}`))
        .statusCode,
    ).to.equal(200);
  });
});
