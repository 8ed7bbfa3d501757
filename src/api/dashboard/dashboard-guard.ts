import type { BeforeHookResult, HookContext } from '@bull-board/api/dist/types.js';
import { DASHBOARD_ACTIONS, MONEY_QUEUES } from './dashboard-actions.js';

const forbid = (message: string): BeforeHookResult => ({ allow: false, status: 403, message });

/**
 * bull-board's `before` hook: reads are allowed; of the state-changing routes only {@link DASHBOARD_ACTIONS}
 * pass, and a retry of a *completed* job on a money queue is refused. bull-board's `allowCompletedRetries:
 * false` only hides the button, so this is what enforces it for direct API calls.
 */
export async function guardDashboardAction(context: HookContext): Promise<BeforeHookResult> {
  if (context.method === 'get') return { allow: true };
  if (!(context.route in DASHBOARD_ACTIONS))
    return forbid("This action is disabled in Upshift's dashboard; use the upshift CLI");
  const { queueName, jobId, queueStatus } = context.request.params as Record<string, string | undefined>;
  const action = DASHBOARD_ACTIONS[context.route];
  if (queueName === undefined || !MONEY_QUEUES.includes(queueName)) return { allow: true };
  if (action === 'retry-all' && queueStatus === 'completed')
    return forbid(`Completed ${queueName} jobs cannot be re-run from the dashboard; use upshift jobs replay`);
  if (action === 'retry' && jobId !== undefined) {
    const job = await context.request.queues.get(queueName)?.getJob(jobId);
    if (job && (await job.getState()) === 'completed')
      return forbid(`Completed ${queueName} jobs cannot be re-run from the dashboard; use upshift jobs replay`);
  }
  return { allow: true };
}
