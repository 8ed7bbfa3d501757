import type { ControllerHandlerReturnType, HookContext } from '@bull-board/api/dist/types.js';
import type { DataSource } from 'typeorm';
import { JobAudit } from '../../db/entities/index.js';
import { DASHBOARD_ACTIONS } from './dashboard-actions.js';

/** The user name of a `Basic` authorization header (already verified by the dashboard's auth hook). */
export function basicAuthUser(header: string | undefined): string {
  const encoded = /^basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  const decoded = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  return decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : 'unknown';
}

/**
 * bull-board's `after` hook: every state-changing action that succeeded leaves a `job_audit` row — who
 * (`dashboard:<user>`), what (retry, promote, clean, …), which queue and job (`*:<state>` for a whole list),
 * when — like the CLI's retries and replays.
 */
export function auditDashboardAction(ds: DataSource) {
  return async (context: HookContext, result: ControllerHandlerReturnType): Promise<ControllerHandlerReturnType> => {
    const action = DASHBOARD_ACTIONS[context.route];
    if (context.method === 'get' || action === undefined || (result.status ?? 200) >= 400) return result;
    const { queueName, jobId, queueStatus } = context.request.params as Record<string, string | undefined>;
    await ds.getRepository(JobAudit).insert({
      who: `dashboard:${basicAuthUser(context.request.headers.authorization)}`.slice(0, 100),
      action,
      queue: queueName ?? '*',
      jobId: jobId ?? `*:${queueStatus ?? 'all'}`,
      detail:
        typeof result.body === 'object' && result.body !== null && Object.keys(result.body).length > 0
          ? JSON.stringify(result.body).slice(0, 2000)
          : null,
    });
    return result;
  };
}
