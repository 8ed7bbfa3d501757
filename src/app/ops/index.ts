// The ops use cases (DESIGN §7): what `upshift jobs`, `upshift upgrades` and the tests call.
export { bulkChange, type BulkChangeItem, type BulkChangeRequest, type BulkChangeSummary } from './bulk-change.js';
export { cleanJobs, type CleanSelection } from './clean-jobs.js';
export { formatDuration, parseDuration } from './duration.js';
export { queueOfJob, requireQueueName, type JobQueues } from './job-queues.js';
export { JOB_STATES, type JobSummary, type OpsJobState } from './job-summary.js';
export { findJobs, listJobs, type JobFilter } from './list-jobs.js';
export { silentProgress, type OpsProgress } from './ops-progress.js';
export type { JobRef, OpsOutcome, OpsRunOptions } from './ops-run-options.js';
export { queueBacklog, waitForBacklogBelow } from './pace-queue.js';
export { recordJobAudit, type JobAuditEntry } from './record-job-audit.js';
export { nextReplayId, replayJobs, type ReplayTarget, type Replayed } from './replay-jobs.js';
export { retryJobs, type RetrySelection } from './retry-jobs.js';
export { showJob, type AuditRow, type JobDetail } from './show-job.js';
export { upgradeHistory, type TimelineEntry, type UpgradeHistory } from './upgrade-history.js';
export { upgradeJobs, type UpgradeJob } from './upgrade-jobs.js';
