import { InitialSchema1764200000000 } from './1764200000000-initial-schema.js';
import { MoneyInvariants1764400000000 } from './1764400000000-money-invariants.js';
import { IdempotencyKeyAge1764600000000 } from './1764600000000-idempotency-key-age.js';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1764200000000, MoneyInvariants1764400000000, IdempotencyKeyAge1764600000000];
