import type { DataSource } from 'typeorm';
import type { UpshiftConfig } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { JobPayload } from '../queues/job-payloads.js';
import type { QueueName } from '../queues/queue-names.js';
import type { EnqueueOptions } from '../queues/enqueue-options.js';

export type { EnqueueOptions };
import type { Clock } from './clock.js';

/** What use cases need to enqueue follow-ups (after commit). {@link JobProducer} implements it. */
export interface JobEnqueuer {
  enqueue<Q extends QueueName>(name: Q, payload: JobPayload<Q>, opts?: EnqueueOptions): Promise<string>;
}

/** Encrypts panel secrets at rest (AES-256-GCM, see src/panels/secret-box.ts). */
export interface SecretCipher {
  encrypt(plain: string): string;
  decrypt(blob: string): string;
}

/** Everything a use case may touch. Built once per process (src/cli/commands/start.ts) or per test. */
export interface AppContext {
  ds: DataSource;
  config: UpshiftConfig;
  jobs: JobEnqueuer;
  secrets: SecretCipher;
  clock: Clock;
  log: Logger;
}
