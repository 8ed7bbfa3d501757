import { timingSafeEqual, createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fastifyBasicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import type { QueueAdapterOptions } from '@bull-board/api/dist/types.js';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { MONEY_QUEUES } from './dashboard-actions.js';
import { auditDashboardAction } from './dashboard-audit.js';
import { guardDashboardAction } from './dashboard-guard.js';
import { LoginThrottle } from './login-throttle.js';
import { redactJobData, redactReturnValue } from './redact-job-data.js';

/** Where the retry dashboard lives (DESIGN §4, §7). */
export const DASHBOARD_PATH = '/admin/queues';

/** Queues shown but never changed from the dashboard: sweeps run every minute on their own. */
const READ_ONLY_QUEUES: readonly string[] = ['scheduler'];

/** Compares two strings in time independent of where they differ (both are hashed to equal length first). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Mounts bull-board at {@link DASHBOARD_PATH} behind HTTP Basic auth (DASHBOARD_USER / DASHBOARD_PASSWORD).
 * Payloads are redacted server-side; the money queues (upgrade-orders, invoice-paid) offer no retry of
 * completed jobs, enforced on the server too (dashboard-guard.ts); only retry, promote, clean and pause/resume
 * are allowed, and each leaves a `job_audit` row. Repeated wrong credentials from one address are slowed down
 * (login-throttle.ts). Call it only when a password is configured.
 */
export async function registerDashboard(
  app: FastifyInstance,
  ctx: AppContext,
  queues: readonly Queue[],
  throttle = new LoginThrottle(),
): Promise<void> {
  const { dashboardUser, dashboardPassword } = ctx.config;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const adapters = queues.map((queue) => {
    const money = MONEY_QUEUES.includes(queue.name);
    // BaseAdapter reads allowCompletedRetries; BullMQAdapter's option type just does not list it.
    const options: Partial<QueueAdapterOptions> & { allowCompletedRetries: boolean } = {
      readOnlyMode: READ_ONLY_QUEUES.includes(queue.name),
      allowCompletedRetries: !money,
      description: money
        ? 'Money step: failed jobs may be retried; completed ones only with `upshift jobs replay`'
        : '',
    };
    const adapter = new BullMQAdapter(queue, options);
    adapter.setFormatter('data', redactJobData);
    adapter.setFormatter('returnValue', redactReturnValue);
    return adapter;
  });
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: {
      uiConfig: { boardTitle: 'Upshift', hideDocsLink: true, showWorkers: true },
      handlerHooks: { before: guardDashboardAction, after: auditDashboardAction(ctx.ds) },
    },
  });
  await app.register(async (scope) => {
    await scope.register(fastifyBasicAuth, {
      authenticate: { realm: 'Upshift dashboard' },
      validate: async (user, password, request) => {
        const delay = throttle.delayFor(request.ip);
        if (delay > 0) await sleep(delay);
        // Both compared every time (no short-circuit), so a wrong user name takes as long as a wrong password.
        const userOk = sameSecret(user, dashboardUser);
        const passwordOk = sameSecret(password, dashboardPassword);
        if (!(userOk && passwordOk)) {
          throttle.failed(request.ip);
          return new Error('Invalid dashboard credentials');
        }
        throttle.succeeded(request.ip);
        return undefined;
      },
    });
    scope.addHook('onRequest', scope.basicAuth);
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
