/**
 * The dashboard's state-changing routes Upshift allows, by bull-board route pattern, with the action name the
 * audit row gets. Every other non-GET route (edit job data, add job, empty, obliterate, schedulers, rate
 * limits, concurrency, delay and priority changes) is refused with 403: those change what the pipeline does
 * rather than re-run a step, and belong in code or the CLI.
 */
export const DASHBOARD_ACTIONS: Readonly<Record<string, string>> = {
  '/api/queues/:queueName/:jobId/retry': 'retry',
  '/api/queues/:queueName/retry/:queueStatus': 'retry-all',
  '/api/queues/:queueName/:jobId/promote': 'promote',
  '/api/queues/:queueName/promote': 'promote-all',
  '/api/queues/:queueName/:jobId/clean': 'clean',
  '/api/queues/:queueName/clean/:queueStatus': 'clean-all',
  '/api/queues/:queueName/pause': 'pause',
  '/api/queues/:queueName/resume': 'resume',
  '/api/queues/pause': 'pause-all',
  '/api/queues/resume': 'resume-all',
};

/**
 * Queues whose completed jobs moved money (an invoice raised, a payment applied). Re-running such a job is safe
 * (each step re-checks the database) but is never a dashboard click: `upshift jobs replay` does it, audited.
 */
export const MONEY_QUEUES: readonly string[] = ['upgrade-orders', 'invoice-paid'];
