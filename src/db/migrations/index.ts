import { InitialSchema1764200000000 } from './1764200000000-initial-schema.js';
import { UpgradeHeals1764300000000 } from './1764300000000-upgrade-heals.js';
import { MoneyInvariants1764400000000 } from './1764400000000-money-invariants.js';
import { IdempotencyKeyAge1764600000000 } from './1764600000000-idempotency-key-age.js';
import { ListIndexes1764700000000 } from './1764700000000-list-indexes.js';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1764200000000,
  UpgradeHeals1764300000000,
  MoneyInvariants1764400000000,
  IdempotencyKeyAge1764600000000,
  ListIndexes1764700000000,
];
