import { expect } from 'chai';
import type { KeysetQuery } from '../../../src/app/catalog/list-keyset.js';
import { invoicePageQuery, type InvoiceFilters } from '../../../src/app/catalog/list-invoices.js';
import { servicePageQuery, type ServiceFilters } from '../../../src/app/catalog/list-services.js';
import { upgradePageQuery, type UpgradeFilters } from '../../../src/app/upgrades/list-upgrades.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** Rows per table. 200 000 keeps npm test quick; LIST_EXPLAIN_ROWS=1000000 runs the same checks at a million (docs/API.md). */
const ROWS = Number(process.env.LIST_EXPLAIN_ROWS ?? 200_000);
const PAGE = 50;

/** What MariaDB did for one table of a query (`ANALYZE FORMAT=JSON`). */
interface TableAccess {
  access_type: string;
  key?: string;
  /** Rows the access actually read (index entries for an index scan). */
  r_rows: number;
}

/** Runs the query with ANALYZE (it executes) and returns the table access and whether MariaDB sorted rows itself. */
async function analyze(
  db: TestDatabase,
  query: Pick<KeysetQuery, 'sql' | 'params'>,
): Promise<{ table: TableAccess; filesort: boolean; plan: string }> {
  const [row] = await db.ds.query<Array<{ ANALYZE: string }>>(`ANALYZE FORMAT=JSON ${query.sql}`, query.params);
  const plan = row.ANALYZE;
  const find = (node: unknown): TableAccess | undefined => {
    if (node === null || typeof node !== 'object') return undefined;
    if ('table' in node && typeof node.table === 'object' && node.table !== null && 'access_type' in node.table)
      return node.table as TableAccess;
    for (const value of Object.values(node)) {
      const hit = find(value);
      if (hit) return hit;
    }
    return undefined;
  };
  const table = find(JSON.parse(plan));
  if (!table) throw new Error(`no table access in ${plan}`);
  return { table, filesort: /filesort|read_sorted_file/.test(plan), plan };
}

/**
 * DESIGN §4.2: a page of every list stays cheap however large the table. Each filter combination of each list is run
 * with `ANALYZE FORMAT=JSON` on tables of {@link ROWS} rows, from a cursor in the middle of the table: the plan must
 * read the rows in list order from an index (no filesort) and stop after about one page, so the cost of a page does not
 * grow with the table (at a million rows it reads the same ~51 index entries).
 */
describe(`list pagination plans on ${ROWS.toLocaleString('en')} rows per table (MariaDB ANALYZE)`, function () {
  this.timeout(600_000);
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase('explain');
    const seq = `seq_1_to_${ROWS}`;
    // 5 000 clients, 40 products, services spread over them; realistic skew: most services active, most upgrades completed.
    await db.ds
      .query(`INSERT INTO services (clientId, productId, domain, username, billingCycle, nextDueDate, anchorDay, recurringAmount, currency, status)
      SELECT 1 + seq % 5000, 1 + seq % 40, CONCAT('s', seq, '.example'), '', 'monthly', '2025-03-01', 1, 1000, 'USD',
             ELT(1 + seq % 10, 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'suspended', 'terminated', 'cancelled') FROM ${seq}`);
    await db.ds.query(`INSERT INTO invoices (clientId, serviceId, type, status, currency, dueDate)
      SELECT 1 + seq % 5000, seq, 'renewal', ELT(1 + seq % 10, 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'unpaid', 'cancelled'), 'USD', '2025-03-01' FROM ${seq}`);
    await db.ds
      .query(`INSERT INTO upgrades (serviceId, clientId, status, fromProductId, fromBillingCycle, actor, asOf, request, currency, statusChangedAt, createdAt)
      SELECT 1 + seq % (${ROWS} DIV 4), 1 + seq % 5000, ELT(1 + seq % 10, 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'cancelled', 'invoiced', 'rejected'),
             1, 'monthly', 'client', '2025-02-10', '{}', 'USD', NOW(3), TIMESTAMP('2025-01-01') + INTERVAL seq * 10 SECOND FROM ${seq}`);
    await db.ds.query('ANALYZE TABLE services, invoices, upgrades');
  });
  const report: string[] = [];
  after(async () => {
    process.stdout.write(`${report.map((l) => `      ${l}`).join('\n')}\n`);
    await db?.drop();
  });

  const middle = Math.floor(ROWS / 2);
  const middleInstant = new Date(Date.parse('2025-01-01T00:00:00Z') + middle * 10_000);

  /**
   * A page from the middle must come from `key` in list order, reading at most `maxRead` entries: the page and the row
   * that shows there is a next page, plus (for upgrades) the cursor's own row, which `createdAt <= ?` includes.
   */
  const expectCheapPage = async (label: string, query: KeysetQuery, key: string, maxRead = PAGE + 2) => {
    const { table, filesort, plan } = await analyze(db, query);
    report.push(
      `${label}: ${table.access_type} on ${table.key ?? '-'}, ${table.r_rows} rows read${filesort ? ', FILESORT' : ''}`,
    );
    expect(filesort, `${label}: sorts rows (filesort): ${plan}`).to.equal(false);
    expect(table.access_type, `${label}: ${plan}`).to.be.oneOf(['range', 'ref', 'index']);
    expect(table.key, `${label}: ${plan}`).to.equal(key);
    expect(table.r_rows, `${label}: read ${table.r_rows} rows for a page of ${PAGE}: ${plan}`).to.be.at.most(maxRead);
  };

  it('upgrades (newest first by createdAt, id): every filter reads its (…, createdAt, id) index in order, one page deep', async () => {
    const cases: Array<[string, UpgradeFilters, string, number?]> = [
      ['no filter', {}, 'IDX_upgrades_createdAt'],
      ['status', { status: 'completed' }, 'IDX_upgrades_status_createdAt'],
      ['rare status', { status: 'invoiced' }, 'IDX_upgrades_status_createdAt'],
      ['serviceId', { serviceId: 7 }, 'IDX_upgrades_serviceId_createdAt'],
      ['clientId', { clientId: 42 }, 'IDX_upgrades_clientId_createdAt'],
      [
        'created range',
        { createdFrom: new Date('2025-01-10T00:00:00Z'), createdBefore: new Date('2025-02-10T00:00:00Z') },
        'IDX_upgrades_createdAt',
      ],
      [
        'status + created range',
        {
          status: 'completed',
          createdFrom: new Date('2025-01-10T00:00:00Z'),
          createdBefore: new Date('2025-02-10T00:00:00Z'),
        },
        'IDX_upgrades_status_createdAt',
      ],
      // Two equality filters: one index in order, the other filter checked per row — bounded by the client's orders.
      ['clientId + status', { clientId: 42, status: 'rejected' }, 'IDX_upgrades_clientId_createdAt', ROWS / 5000 + 1],
    ];
    for (const [label, filters, key, maxRead] of cases) {
      await expectCheapPage(
        `upgrades ${label}`,
        upgradePageQuery(filters, { createdAt: middleInstant, id: middle }, PAGE + 1),
        key,
        maxRead,
      );
    }
  });

  it('invoices (newest first by id): status, clientId and both read one index in id order, one page deep', async () => {
    const cases: Array<[string, InvoiceFilters, string]> = [
      ['no filter', {}, 'PRIMARY'],
      ['status', { status: 'paid' }, 'IDX_invoices_status'],
      ['rare status', { status: 'cancelled' }, 'IDX_invoices_status'],
      ['clientId', { clientId: 42 }, 'IDX_d9df936180710f9968da7cf4a5'],
      ['clientId + status', { clientId: 42, status: 'paid' }, 'IDX_invoices_clientId_status'],
    ];
    for (const [label, filters, key] of cases) {
      await expectCheapPage(`invoices ${label}`, invoicePageQuery(filters, middle, PAGE + 1), key);
    }
  });

  it('services (newest first by id): clientId, productId, status and their combinations read one index in id order', async () => {
    const perClient = ROWS / 5000 + 1;
    const byClient = 'IDX_31f2f6cdc217456fc9d0378309';
    const cases: Array<[string, ServiceFilters, string, number?]> = [
      ['no filter', {}, 'PRIMARY'],
      ['status', { status: 'active' }, 'IDX_services_status'],
      ['rare status', { status: 'cancelled' }, 'IDX_services_status'],
      ['clientId', { clientId: 42 }, byClient],
      ['productId', { productId: 7 }, 'IDX_9353a1263ebcfc8efe557489a0'],
      ['productId + status', { productId: 7, status: 'active' }, 'IDX_9353a1263ebcfc8efe557489a0'],
      ['clientId + status', { clientId: 42, status: 'active' }, byClient, perClient],
      ['clientId + productId + status', { clientId: 42, productId: 2, status: 'active' }, byClient, perClient],
    ];
    for (const [label, filters, key, maxRead] of cases) {
      await expectCheapPage(`services ${label}`, servicePageQuery(filters, middle, PAGE + 1), key, maxRead);
    }
  });

  it('the check can fail: the plain ORM query (whole rows, no FORCE INDEX) walks the status from the newest row and reads far more than a page', async () => {
    for (const query of [
      servicePageQuery({ status: 'active' }, middle, PAGE + 1),
      upgradePageQuery({ status: 'completed' }, { createdAt: middleInstant, id: middle }, PAGE + 1),
    ]) {
      const sql = query.sql.replace(/ FORCE INDEX \(`[^`]+`\)/, '').replace(/^SELECT .*? FROM/, 'SELECT * FROM');
      const { table } = await analyze(db, { sql, params: query.params });
      report.push(
        `without FORCE INDEX, whole rows (${sql.slice(14, 22)}…): ${table.access_type} on ${table.key ?? '-'}, ${table.r_rows} rows read`,
      );
      expect(table.r_rows, `${sql}: a page from the middle`).to.be.above(PAGE * 100);
    }
  });
});
