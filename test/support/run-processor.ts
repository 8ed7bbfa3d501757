import type { Job } from 'bullmq';
import type { Processor } from '../../workers/processor.js';

/**
 * Calls a processor the way BullMQ does, with a Job-shaped object (BullMQ's own advice for processor tests): its
 * attempts so far and its attempt budget (`opts.attempts`, default 8 like the money queues).
 */
export function runProcessor(
  processor: Processor,
  data: unknown,
  id = 'job-1',
  attemptsMade = 0,
  attempts = 8,
): Promise<unknown> {
  return processor(
    { id, data, attemptsMade, name: 'test', opts: { attempts } } as unknown as Job,
    undefined,
    undefined,
  );
}
