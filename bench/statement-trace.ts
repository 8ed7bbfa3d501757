// `npm run bench:trace`: one upgrade through every step in this process, with each SQL statement the steps send
// listed under the step that sent it (TypeORM's logger sees every statement, BEGIN and COMMIT included).
// What docs/BENCHMARKS.md's statement budget is measured against, step by step.
import type { Logger as TypeormLogger, QueryRunner } from 'typeorm';
import { applyPaidInvoice } from '../src/app/payments/apply-paid-invoice.js';
import { recordPayment } from '../src/app/payments/record-payment.js';
import { provisionUpgrade } from '../src/app/provisioning/provision-upgrade.js';
import { sendUpgradeEmail } from '../src/app/notifications/send-upgrade-email.js';
import { placeUpgrade } from '../src/app/upgrades/place-upgrade.js';
import { processUpgradeOrder } from '../src/app/upgrades/process-upgrade-order.js';
import { ServerLimiter } from '../src/panels/index.js';
import { createRedis } from '../src/queues/redis-connection.js';
import { FleetEnv } from '../test/chaos/support/fleet-env.js';

interface Traced {
  step: string;
  sql: string;
}

const traced: Traced[] = [];
let step = 'setup';
const record = (sql: string) => traced.push({ step, sql: sql.replace(/\s+/g, ' ').trim() });
const logger: TypeormLogger = {
  logQuery: (q: string, _p?: unknown[], _r?: QueryRunner) => record(q),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

const upgrades = Math.max(1, Number(process.env.TRACE_UPGRADES ?? 3));
const env = await FleetEnv.start({ tag: 'trace', services: upgrades, logLevel: 'warn' });
const redis = createRedis(env.ctx.config.redisUrl, 'producer');
try {
  const ctx = env.ctx;
  Object.assign(ctx.ds, { logger });
  const deps = { limiter: new ServerLimiter(redis, { prefix: ctx.config.queuePrefix }) };
  const notifications = env.runtime.notifications;
  for (let i = 0; i < upgrades; i++) {
    const serviceId = env.catalog.services[i].id;
    const at = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      step = name;
      return work();
    };
    // Only the last upgrade is listed: the first ones warm the caches a long-running worker has warm.
    if (i === upgrades - 1) traced.length = 0;
    const { upgradeId } = await at('1 place order (API)', () =>
      placeUpgrade(ctx, serviceId, { productId: env.catalog.proId, actor: 'client' }, { role: 'storefront' }),
    );
    const upgrade = await at('2 upgrade-orders job', () => processUpgradeOrder(ctx, upgradeId));
    await at('3 invoice email job', () => sendUpgradeEmail(ctx, notifications, upgradeId, 'upgrade-invoice-issued'));
    step = 'between';
    const [{ total }] = await ctx.ds.query<[{ total: string }]>('SELECT total FROM invoices WHERE id = ?', [
      upgrade.invoiceId,
    ]);
    await at('4 payment (API)', () =>
      recordPayment(ctx, upgrade.invoiceId!, {
        amount: (Number(total) / 100).toFixed(2),
        gateway: 'trace',
        transactionId: `t${upgradeId}`,
      }),
    );
    await at('5 invoice-paid job', () => applyPaidInvoice(ctx, upgrade.invoiceId!));
    await at('6 provisioning job', () => provisionUpgrade(ctx, deps, upgradeId, { attempt: 1 }));
    await at('7 completion email job', () => sendUpgradeEmail(ctx, notifications, upgradeId, 'upgrade-completed'));
    step = 'after';
  }
  const steps = [...new Set(traced.map((t) => t.step))].filter((s) => s !== 'after' && s !== 'between');
  let total = 0;
  let commits = 0;
  for (const s of steps) {
    const rows = traced.filter((t) => t.step === s);
    total += rows.length;
    commits += rows.filter((t) => /^COMMIT/i.test(t.sql)).length;
    process.stdout.write(`\n## ${s}: ${rows.length} statements\n`);
    for (const r of rows) process.stdout.write(`  ${r.sql.slice(0, 160)}\n`);
  }
  process.stdout.write(`\ntotal: ${total} statements, ${commits} commits per upgrade\n`);
} finally {
  await redis.quit();
  await env.close();
}
