/** Every queue Upshift uses (DESIGN §2). */
export const QUEUE_NAMES = [
  'upgrade-orders',
  'invoice-paid',
  'provisioning',
  'email',
  'webhooks',
  'scheduler',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
