import type { Queue } from 'bullmq';
import { ValidationError } from '../errors.js';
import { isQueueName, QUEUE_NAMES, type QueueName } from '../../queues/queue-names.js';

/** Where the ops use cases find a queue by name; {@link JobProducer} is one. */
export interface JobQueues {
  queue(name: QueueName): Queue;
}

/** Job id prefixes of the deterministic ids (src/queues/job-ids.ts), for finding a job's queue from its id. */
const ID_PREFIXES: ReadonlyArray<[string, QueueName]> = [
  ['order-', 'upgrade-orders'],
  ['paid-', 'invoice-paid'],
  ['provision-', 'provisioning'],
  ['change-package-', 'provisioning'],
  ['email-', 'email'],
  ['webhook-', 'webhooks'],
  ['sweep-', 'scheduler'],
];

/** Checks a queue name given by an operator; `field` names the flag in the error. */
export function requireQueueName(name: string, field = 'queue'): QueueName {
  if (!isQueueName(name))
    throw new ValidationError(`${field}: unknown queue '${name}' (queues: ${QUEUE_NAMES.join(', ')})`, [
      { field, message: 'unknown queue' },
    ]);
  return name;
}

/**
 * The queue of a job: the one given, or the one its id's prefix belongs to (`order-7` → upgrade-orders,
 * `provision-7-replay-1` → provisioning). @throws ValidationError when neither tells
 */
export function queueOfJob(jobId: string, given?: QueueName): QueueName {
  if (given) return given;
  const hit = ID_PREFIXES.find(([prefix]) => jobId.startsWith(prefix));
  if (!hit)
    throw new ValidationError(`job ${jobId}: cannot tell its queue from the id; give --queue`, [
      { field: 'queue', message: 'required for this job id' },
    ]);
  return hit[1];
}
