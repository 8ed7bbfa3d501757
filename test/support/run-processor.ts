import type { Job } from 'bullmq';
import type { Processor } from '../../workers/processor.js';

/** Calls a processor the way BullMQ does, with a Job-shaped object (BullMQ's own advice for processor tests). */
export function runProcessor(processor: Processor, data: unknown, id = 'job-1', attemptsMade = 0): Promise<unknown> {
  return processor({ id, data, attemptsMade, name: 'test' } as unknown as Job, undefined, undefined);
}
