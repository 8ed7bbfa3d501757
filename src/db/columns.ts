import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions, type ValueTransformer } from 'typeorm';

/**
 * BIGINT minor units ⇄ JS bigint. mysql2 hands BIGINT back as a string (bigNumberStrings), so money
 * never passes through a float on its way in or out.
 */
const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null || value === undefined ? null : BigInt(value)),
};

/** An amount in integer minor units of the row's currency (BIGINT, signed). */
export function MoneyColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column('bigint', { transformer: bigintTransformer, default: () => '0', ...options });
}

/** A calendar date stored as DATE and read back as the `YYYY-MM-DD` string (the pool uses dateStrings). */
export function DateColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column('date', options);
}

/** A timestamp with milliseconds, always UTC (the pool sets timezone 'Z'). */
export function InstantColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

/** Row creation time (UTC, milliseconds). */
export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
}

/** Last update time (UTC, milliseconds). */
export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
}
