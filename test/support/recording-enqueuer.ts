import type { JobEnqueuer } from '../../src/app/app-context.js';
import type { EnqueueOptions } from '../../src/queues/enqueue-options.js';
import { jobIdFor } from '../../src/queues/job-ids.js';
import { parseJobPayload, type JobPayload } from '../../src/queues/job-payloads.js';
import type { QueueName } from '../../src/queues/queue-names.js';

/** One recorded `enqueue` call, with the validated payload and the id the job would get. */
export interface RecordedJob {
  queue: QueueName;
  payload: unknown;
  jobId: string;
  opts: EnqueueOptions;
}

/** A {@link JobEnqueuer} that validates and records jobs instead of sending them to Redis. */
export class RecordingEnqueuer implements JobEnqueuer {
  readonly jobs: RecordedJob[] = [];

  async enqueue<Q extends QueueName>(name: Q, payload: JobPayload<Q>, opts: EnqueueOptions = {}): Promise<string> {
    const data = parseJobPayload(name, payload);
    const jobId = opts.jobId ?? jobIdFor(name, data);
    this.jobs.push({ queue: name, payload: data, jobId, opts });
    return jobId;
  }
}
