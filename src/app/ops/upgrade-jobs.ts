import type { DataSource } from 'typeorm';
import { EmailLog, Invoice, Upgrade, UpgradeTransition, WebhookDelivery } from '../../db/entities/index.js';
import { emailKey } from '../../mail/index.js';
import { jobIdFor } from '../../queues/job-ids.js';
import { jobPayloadSchemas, type JobPayload } from '../../queues/job-payloads.js';
import type { QueueName } from '../../queues/queue-names.js';
import { NotFoundError } from '../errors.js';
import type { JobQueues } from './job-queues.js';

/** A job of an upgrade, with the payload it has (or had): rebuilt from the database, so known even after Redis dropped it. */
export interface UpgradeJob {
  queue: QueueName;
  jobId: string;
  payload: JobPayload<QueueName>;
}

/** The upgrade emails (the email payload's first form; the second is the healing sweep's staff report). */
const EMAIL_TEMPLATES = jobPayloadSchemas.email.options[0].shape.template.options;

const job = <Q extends QueueName>(queue: Q, payload: JobPayload<Q>): UpgradeJob => ({
  queue,
  jobId: jobIdFor(queue, payload),
  payload,
});

/**
 * Every job an upgrade's steps ran (or queued), in pipeline order: its order, the paid invoice, the panel step,
 * each email that was logged or is still in Redis, and each webhook delivery. The ids are the deterministic
 * ones of src/queues/job-ids.ts.
 */
export async function upgradeJobs(ds: DataSource, queues: JobQueues, upgradeId: number): Promise<UpgradeJob[]> {
  const upgrade = await ds.getRepository(Upgrade).findOneBy({ id: upgradeId });
  if (!upgrade) throw new NotFoundError('upgrade', upgradeId);
  const jobs: UpgradeJob[] = [job('upgrade-orders', { upgradeId })];
  const invoice =
    upgrade.invoiceId === null ? null : await ds.getRepository(Invoice).findOneBy({ id: upgrade.invoiceId });
  if (invoice && invoice.status === 'paid') jobs.push(job('invoice-paid', { invoiceId: invoice.id }));
  const statuses = (
    await ds.getRepository(UpgradeTransition).find({ where: { upgradeId }, select: { toStatus: true } })
  ).map((t) => t.toStatus);
  if (statuses.includes('provisioned') || statuses.includes('provisioning_failed'))
    jobs.push(job('provisioning', { upgradeId }));
  const logged = new Set(
    (await ds.getRepository(EmailLog).find({ where: { upgradeId }, select: { key: true } })).map((e) => e.key),
  );
  for (const template of EMAIL_TEMPLATES) {
    const email = job('email', { upgradeId, template });
    if (logged.has(emailKey(template, upgradeId)) || (await queues.queue('email').getJob(email.jobId)))
      jobs.push(email);
  }
  const deliveries = await ds
    .getRepository(WebhookDelivery)
    .find({ where: { upgradeId }, select: { id: true }, order: { id: 'ASC' } });
  for (const d of deliveries) jobs.push(job('webhooks', { deliveryId: d.id }));
  return jobs;
}
