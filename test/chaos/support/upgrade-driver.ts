import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { formatMoney } from '../../../src/domain/money.js';
import type { UpgradeClient } from './upgrade-client.js';
import type { FleetService } from './upgrade-catalog.js';

/** States a run waits for: terminal, or `provisioning_failed` (which waits for ops). */
export const SETTLED_STATUSES = ['completed', 'cancelled', 'rejected', 'provisioning_failed'] as const;

/** Options of {@link driveUpgrades}. */
export interface DriveOptions {
  /** Orders per second, evenly spaced (open loop). @defaultValue as fast as `parallel` allows (closed loop) */
  ratePerSec?: number;
  /** Orders in flight at once, and payments in flight at once. @defaultValue 32 */
  parallel?: number;
  /** Give up (throw, with the status counts) after this long. @defaultValue 600000 */
  timeoutMs?: number;
  /** Attempts of one order or payment call before the run fails (calls fail under chaos). @defaultValue 1 */
  attempts?: number;
  /** Called with each call error that will be retried. */
  onRetry?: (what: string, err: Error) => void;
  /**
   * Upgrades with an id above this are this run's (ids only grow): what "settled" counts. Set it when the database
   * holds upgrades of an earlier run. @defaultValue 0 (every upgrade in the database)
   */
  sinceId?: number;
}

/** What a run did and when. */
export interface DriveResult {
  /** Upgrade id per service, in the order of the services given. */
  upgradeIds: number[];
  /** Epoch ms of the first order call. */
  startedAt: number;
  /** Epoch ms when every order had been placed and every payment reported. */
  fedAt: number;
  /** Epoch ms when polling first saw every upgrade settled. */
  settledAt: number;
  /** Upgrades per status at the end. */
  statuses: Record<string, number>;
  /** Order and payment calls that failed and were retried. */
  retries: number;
}

/** Serialises entry into at most `limit` concurrent sections. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Plays a billing front-end for a batch of upgrades: orders every service's upgrade (Starter → `productId`), pays
 * each invoice in full as soon as it appears (gateway `bench`, transaction `bench-<upgradeId>`), and waits until
 * every upgrade is settled. The database is polled directly, as a front-end would poll `GET /v1/upgrades/:id`;
 * `ds` is only queried, so a bench can poll on a connection of its own and tell its statements from the pipeline's.
 */
export async function driveUpgrades(
  ds: Pick<DataSource, 'query'>,
  client: UpgradeClient,
  services: readonly FleetService[],
  productId: number,
  opts: DriveOptions = {},
): Promise<DriveResult> {
  const parallel = opts.parallel ?? 32;
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const attempts = opts.attempts ?? 1;
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  const upgradeIds = new Array<number>(services.length).fill(0);
  const awaitingInvoice = new Set<number>();
  const payments: Array<Promise<void>> = [];
  const orderGate = new Gate(parallel);
  const payGate = new Gate(parallel);
  let retries = 0;
  let failure: Error | null = null;

  const withRetries = async <T>(
    what: string,
    call: () => Promise<T>,
    recover?: () => Promise<T | null>,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= attempts || Date.now() > deadline) throw err;
        retries += 1;
        opts.onRetry?.(what, err as Error);
        await sleep(Math.min(2_000, 50 * 2 ** attempt));
        // The call may have committed before its answer was lost: look before trying again.
        const found = await recover?.().catch(() => null);
        if (found !== null && found !== undefined) return found;
      }
    }
  };

  const placeOne = async (i: number) => {
    const service = services[i];
    const lookUp = async () => {
      const rows = await ds.query<Array<{ id: number }>>(
        'SELECT id FROM upgrades WHERE serviceId = ? ORDER BY id DESC LIMIT 1',
        [service.id],
      );
      return rows[0]?.id ?? null;
    };
    const id = await withRetries(
      `order for service ${service.id}`,
      () => client.placeUpgrade(service.id, productId),
      lookUp,
    );
    upgradeIds[i] = id;
    awaitingInvoice.add(id);
  };

  const pay = (upgradeId: number, invoiceId: number, total: bigint) =>
    payGate.run(() =>
      withRetries(`payment of invoice ${invoiceId}`, () =>
        client.pay(invoiceId, formatMoney(total, 2), `bench-${upgradeId}`),
      ),
    );

  // The payer: finds the invoices of orders placed so far and pays each once.
  let ordering = true;
  const payer = (async () => {
    while (ordering || awaitingInvoice.size > 0) {
      if (Date.now() > deadline)
        throw new Error(`${awaitingInvoice.size} orders still without an invoice after ${timeoutMs} ms`);
      const ids = [...awaitingInvoice].slice(0, 2_000);
      if (ids.length > 0) {
        const rows = (await ds
          .query(
            'SELECT u.id, u.status, i.id AS invoiceId, i.total FROM upgrades u LEFT JOIN invoices i ON i.upgradeId = u.id WHERE u.id IN (?)',
            [ids],
          )
          .catch(() => [])) as Array<{ id: number; status: string; invoiceId: number | null; total: string | null }>;
        for (const row of rows) {
          if (row.invoiceId !== null && row.total !== null) {
            awaitingInvoice.delete(row.id);
            payments.push(
              pay(row.id, row.invoiceId, BigInt(row.total)).catch((err: Error) => {
                failure ??= err;
              }),
            );
          } else if (row.status !== 'queued') {
            awaitingInvoice.delete(row.id); // settled without an invoice (rejected, cancelled)
          }
        }
      }
      await sleep(20);
    }
  })();

  try {
    if (opts.ratePerSec) {
      const spacingMs = 1000 / opts.ratePerSec;
      const orders: Array<Promise<void>> = [];
      for (let i = 0; i < services.length; i++) {
        const due = startedAt + i * spacingMs;
        if (due > Date.now()) await sleep(due - Date.now());
        orders.push(orderGate.run(() => placeOne(i)));
      }
      await Promise.all(orders);
    } else {
      await Promise.all(services.map((_, i) => orderGate.run(() => placeOne(i))));
    }
  } finally {
    ordering = false;
  }
  await payer;
  await Promise.all(payments);
  if (failure) throw failure as Error;
  const fedAt = Date.now();

  for (;;) {
    const statuses = await countStatuses(ds, opts.sinceId).catch(() => null);
    if (statuses) {
      const settled = SETTLED_STATUSES.reduce((sum, s) => sum + (statuses[s] ?? 0), 0);
      if (settled >= services.length) return { upgradeIds, startedAt, fedAt, settledAt: Date.now(), statuses, retries };
      if (Date.now() > deadline)
        throw new Error(`upgrades not settled after ${timeoutMs} ms: ${JSON.stringify(statuses)}`);
    }
    await sleep(50);
  }
}

/** Upgrades per status (those with an id above `sinceId`, or all). */
export async function countStatuses(ds: Pick<DataSource, 'query'>, sinceId = 0): Promise<Record<string, number>> {
  const rows = await ds.query<Array<{ status: string; n: string | number }>>(
    'SELECT status, COUNT(*) AS n FROM upgrades WHERE id > ? GROUP BY status',
    [sinceId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
