import { InitialSchema1764200000000 } from './1764200000000-initial-schema.js';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1764200000000];
