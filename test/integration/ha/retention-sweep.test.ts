import { expect } from 'chai';
import type { AppContext } from '../../../src/app/app-context.js';
import { fixedClock } from '../../../src/app/clock.js';
import { isPastEmailLogRetention, sweepRetention } from '../../../src/app/scheduler/retention-sweep.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { RETENTION_DEFAULTS } from '../../../src/config/retention-config.js';
import { createLogger } from '../../../src/observability/logger.js';
import { parseJobPayload } from '../../../src/queues/job-payloads.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

/**
 * Issue 16 point 4, data that stops growing: the retention sweep deletes old log and audit rows in batches, and never
 * a row an open upgrade or an unsettled invoice needs. Rows are written directly with their ages.
 */
describe('the retention sweep (panel_calls, email_log, webhook_deliveries, job_audit)', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let ctx: AppContext;
  let nextUpgrade = 0;

  before(async () => {
    db = await createTestDatabase('retention');
  });
  after(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    for (const t of ['panel_calls', 'email_log', 'webhook_deliveries', 'job_audit', 'upgrades', 'invoices'])
      await db.ds.query(`DELETE FROM ${t}`);
    ctx = {
      ds: db.ds,
      config: loadConfig({}),
      clock: fixedClock('2026-06-01', NOW),
      log: createLogger('silent'),
    } as unknown as AppContext;
  });

  /** An upgrade in `status` since `sinceDays` ago, optionally with an invoice in `invoiceStatus`. */
  async function upgrade(status: string, sinceDays: number, invoiceStatus?: string): Promise<number> {
    const id = ++nextUpgrade;
    let invoiceId: number | null = null;
    if (invoiceStatus) {
      const r = await db.ds.query<{ insertId: number }>(
        `INSERT INTO invoices (clientId, upgradeId, type, status, currency, dueDate) VALUES (1, ?, 'upgrade', ?, 'USD', '2025-01-01')`,
        [id, invoiceStatus],
      );
      invoiceId = r.insertId;
    }
    await db.ds.query(
      `INSERT INTO upgrades (id, serviceId, clientId, status, fromProductId, fromBillingCycle, actor, asOf, request, currency, statusChangedAt, invoiceId)
      VALUES (?, 1, 1, ?, 1, 'monthly', 'client', '2025-01-01', '{}', 'USD', ?, ?)`,
      [id, status, daysAgo(sinceDays), invoiceId],
    );
    return id;
  }
  const panelCall = (upgradeId: number | null, ageDays: number) =>
    db.ds.query(
      `INSERT INTO panel_calls (serverId, upgradeId, action, request, response, durationMs, outcome, createdAt) VALUES (1, ?, 'changepackage', 'GET /json-api/changepackage', '{"metadata":{"result":1}}', 12, 'ok', ?)`,
      [upgradeId, daysAgo(ageDays)],
    );
  const emailLog = (upgradeId: number, template: string, ageDays: number) =>
    db.ds.query(
      `INSERT INTO email_log (\`key\`, recipient, template, upgradeId, status, messageId, createdAt, updatedAt) VALUES (?, 'c@example.test', ?, ?, 'sent', '<m@x>', ?, ?)`,
      [`email:${template}:${upgradeId}`, template, upgradeId, daysAgo(ageDays), daysAgo(ageDays)],
    );
  const delivery = (upgradeId: number, status: string, ageDays: number) =>
    db.ds.query(
      `INSERT INTO webhook_deliveries (deliveryKey, upgradeId, url, event, payload, status, createdAt, updatedAt) VALUES (?, ?, 'https://fe.example.test/hook', 'upgrade.completed', '{}', ?, ?, ?)`,
      [`d-${upgradeId}-${status}-${ageDays}`, upgradeId, status, daysAgo(ageDays), daysAgo(ageDays)],
    );
  const audit = (ageDays: number) =>
    db.ds.query(
      `INSERT INTO job_audit (who, action, queue, jobId, at) VALUES ('ops', 'retry', 'provisioning', 'provision-1', ?)`,
      [daysAgo(ageDays)],
    );
  const ids = async (table: string, where = '1') =>
    (
      await db.ds.query<Array<{ upgradeId: number | null }>>(
        `SELECT upgradeId FROM ${table} WHERE ${where} ORDER BY id`,
      )
    ).map((r) => r.upgradeId);
  const count = async (table: string) =>
    Number((await db.ds.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('has the documented defaults and accepts 0 (keep for ever); refuses an email log shorter than the failed-job window', () => {
    expect(loadConfig({}).retention)
      .to.deep.equal(RETENTION_DEFAULTS)
      .and.to.deep.equal({ panelCallsDays: 90, emailLogDays: 400, webhookDeliveriesDays: 90, jobAuditDays: 400 });
    expect(loadConfig({ PANEL_CALLS_RETENTION_DAYS: '0', JOB_AUDIT_RETENTION_DAYS: '30' }).retention).to.deep.include({
      panelCallsDays: 0,
      jobAuditDays: 30,
    });
    expect(() => loadConfig({ EMAIL_LOG_RETENTION_DAYS: '7' })).to.throw(
      /EMAIL_LOG_RETENTION_DAYS: must be 0 \(keep for ever\) or at least 31 days/,
    );
    expect(() => loadConfig({ WEBHOOK_DELIVERIES_RETENTION_DAYS: '-1' })).to.throw(
      /WEBHOOK_DELIVERIES_RETENTION_DAYS: expected a whole number of days/,
    );
    expect(parseJobPayload('scheduler', { sweep: 'retention' })).to.deep.equal({ sweep: 'retention' });
  });

  it('deletes old rows of long-finished upgrades; keeps what an open upgrade, an unpaid invoice or a pending delivery needs, and anything recent', async () => {
    const done = await upgrade('completed', 200, 'paid'); // finished 200 days ago
    const ancient = await upgrade('cancelled', 500, 'cancelled'); // finished 500 days ago
    const failed = await upgrade('provisioning_failed', 200, 'paid'); // open: ops still need its panel log
    const unpaid = await upgrade('cancelled', 200, 'unpaid'); // an unsettled invoice
    const lately = await upgrade('completed', 10, 'paid'); // a long provisioning that finished 10 days ago
    const moving = await upgrade('applied', 200, 'paid'); // still moving: its send-once keys must stay
    for (const u of [done, ancient, failed, unpaid, lately, moving]) await panelCall(u, 150);
    await panelCall(done, 10);
    await panelCall(null, 150); // a staff change-package outside any upgrade
    await emailLog(done, 'upgrade-completed', 150);
    await emailLog(ancient, 'upgrade-invoice-issued', 500);
    await emailLog(moving, 'upgrade-invoice-issued', 500);
    await delivery(done, 'delivered', 150);
    await delivery(done, 'pending', 150);
    await delivery(ancient, 'failed', 500);
    await audit(500);
    await audit(100);

    const deleted = await sweepRetention(ctx);
    expect(deleted).to.deep.equal({ panel_calls: 3, email_log: 1, webhook_deliveries: 2, job_audit: 1 });
    expect(await ids('panel_calls')).to.deep.equal([failed, unpaid, lately, moving, done]);
    expect(await ids('email_log')).to.deep.equal([done, moving]); // 150 days < 400; the moving upgrade's key stays
    expect(await ids('webhook_deliveries')).to.deep.equal([done]);
    expect(await ids('webhook_deliveries', `status = 'pending'`)).to.deep.equal([done]);
    expect(await count('job_audit')).to.equal(1);

    // A second run finds nothing more.
    expect(await sweepRetention(ctx)).to.deep.equal({
      panel_calls: 0,
      email_log: 0,
      webhook_deliveries: 0,
      job_audit: 0,
    });
  });

  it('the email worker sends nothing for an upgrade finished longer ago than the email log keeps its keys', async () => {
    const ancient = await upgrade('completed', 500, 'paid');
    const recent = await upgrade('completed', 100, 'paid');
    const open = await upgrade('provisioned', 500, 'paid');
    expect(await isPastEmailLogRetention(ctx, ancient)).to.equal(true);
    expect(await isPastEmailLogRetention(ctx, recent)).to.equal(false);
    expect(await isPastEmailLogRetention(ctx, open)).to.equal(false);
    ctx = { ...ctx, config: { ...ctx.config, retention: { ...ctx.config.retention, emailLogDays: 0 } } };
    expect(await isPastEmailLogRetention(ctx, ancient)).to.equal(false);
  });

  it('works in batches and at most maxRowsPerTable per run; the next run goes on; 0 keeps for ever', async () => {
    const done = await upgrade('completed', 200, 'paid');
    for (let i = 0; i < 25; i++) await panelCall(done, 150);
    await panelCall(done, 5);
    expect((await sweepRetention(ctx, { batch: 4, maxRowsPerTable: 12 })).panel_calls).to.equal(12);
    expect(await count('panel_calls')).to.equal(14);
    expect((await sweepRetention(ctx, { batch: 4 })).panel_calls).to.equal(13);
    expect(await count('panel_calls')).to.equal(1);

    await panelCall(done, 150);
    ctx = { ...ctx, config: { ...ctx.config, retention: { ...ctx.config.retention, panelCallsDays: 0 } } };
    expect((await sweepRetention(ctx)).panel_calls).to.equal(0);
    expect(await count('panel_calls')).to.equal(2);
  });
});
