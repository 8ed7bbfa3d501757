import { changePackage, type ChangePackageResult } from './change-package.js';
import { PanelServerBusyError } from './panel-errors.js';
import type { PanelAdapter } from './panel-adapter.js';
import { silentPanelLogger, type PanelLogger } from './panel-logger.js';
import type { PanelServerConfig } from './panel-server-config.js';
import type { ServerLimiter } from './server-limiter.js';

/** Options of `withServerSlot` and `provisionWithLimit`. */
export interface ServerSlotOptions {
  /**
   * When the server is full, retry after a random delay in [busyDelayMs / 2, busyDelayMs].
   * @defaultValue 1000
   */
  busyDelayMs?: number;
  /**
   * Told when a lease could not be extended or released (Redis trouble); the work itself goes on.
   * @defaultValue a logger that drops everything
   */
  logger?: PanelLogger;
  /**
   * Source of randomness in [0, 1), for tests.
   * @defaultValue Math.random
   */
  random?: () => number;
}

/**
 * Runs `work` holding one of the server's `maxConcurrency` slots, extending the lease while it runs and
 * releasing it after. Never waits for a slot.
 * @throws PanelServerBusyError at once when every slot is taken (see `runPanelJob` for what a worker does with it)
 */
export async function withServerSlot<T>(
  limiter: ServerLimiter,
  server: Pick<PanelServerConfig, 'id' | 'maxConcurrency'>,
  work: () => Promise<T>,
  options: ServerSlotOptions = {},
): Promise<T> {
  const token = await limiter.tryAcquire(server.id, server.maxConcurrency);
  if (token === null) {
    const busyDelayMs = options.busyDelayMs ?? 1000;
    const random = options.random ?? Math.random;
    throw new PanelServerBusyError(server.id, Math.ceil(busyDelayMs / 2 + random() * (busyDelayMs / 2)));
  }
  const logger = options.logger ?? silentPanelLogger;
  const warn = (what: string) => (err: unknown) =>
    logger.warn(
      { serverId: server.id, err: err instanceof Error ? err.message : String(err) },
      `panel server slot: ${what} failed`,
    );
  const heartbeat = setInterval(
    () => {
      limiter.extend(server.id, token).then((held) => {
        if (!held)
          logger.warn(
            { serverId: server.id },
            'panel server slot lease expired while in use; the concurrency cap may be exceeded',
          );
      }, warn('lease extension'));
    },
    Math.max(50, Math.floor(limiter.leaseMs / 3)),
  );
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await limiter.release(server.id, token).catch(warn('release'));
  }
}

/** What `provisionWithLimit` needs. */
export interface ProvisionWithLimitDeps {
  limiter: ServerLimiter;
  server: Pick<PanelServerConfig, 'id' | 'maxConcurrency'>;
  adapter: PanelAdapter;
}

/**
 * One ChangePackage attempt under the server's concurrency cap: acquire a slot → `changePackage` → release.
 * The provisioning worker and the tests' worker both run exactly this.
 * @throws PanelServerBusyError when the server is full; any `changePackage` error otherwise
 */
export function provisionWithLimit(
  deps: ProvisionWithLimitDeps,
  user: string,
  targetPackage: string,
  options: ServerSlotOptions & { signal?: AbortSignal } = {},
): Promise<ChangePackageResult> {
  return withServerSlot(
    deps.limiter,
    deps.server,
    () => changePackage(deps.adapter, user, targetPackage, { signal: options.signal }),
    options,
  );
}
