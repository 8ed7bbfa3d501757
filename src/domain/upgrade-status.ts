/** Every state of an upgrade order (DESIGN §2). */
export const UPGRADE_STATUSES = [
  'queued',
  'invoiced',
  'paid',
  'applied',
  'provisioned',
  'completed',
  'scheduled',
  'cancelled',
  'provisioning_failed',
  'rejected',
] as const;
export type UpgradeStatus = (typeof UPGRADE_STATUSES)[number];

/**
 * Allowed moves. `applied → completed` is the path of products without a panel module;
 * `provisioning_failed → applied` is an ops retry of the panel step.
 */
const TRANSITIONS: Record<UpgradeStatus, readonly UpgradeStatus[]> = {
  queued: ['invoiced', 'applied', 'scheduled', 'cancelled', 'rejected'],
  invoiced: ['paid', 'cancelled', 'rejected'],
  paid: ['applied', 'rejected'],
  scheduled: ['applied', 'cancelled', 'rejected'],
  applied: ['provisioned', 'completed', 'provisioning_failed'],
  provisioned: ['completed'],
  provisioning_failed: ['applied', 'provisioned'],
  completed: [],
  cancelled: [],
  rejected: [],
};

/** Orders that still hold the service's single "open upgrade" slot (guard `concurrentUpgrades`). */
export const OPEN_STATUSES: readonly UpgradeStatus[] = ['queued', 'invoiced', 'paid', 'scheduled'];

/** States from which staff or the client may cancel (nothing has been paid or applied yet). */
export const CANCELLABLE_STATUSES: readonly UpgradeStatus[] = ['queued', 'invoiced', 'scheduled'];

export const TERMINAL_STATUSES: readonly UpgradeStatus[] = ['completed', 'cancelled', 'rejected'];

export function canTransition(from: UpgradeStatus, to: UpgradeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isUpgradeStatus(value: string): value is UpgradeStatus {
  return (UPGRADE_STATUSES as readonly string[]).includes(value);
}
