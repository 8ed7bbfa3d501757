import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** Options of a `ServerLimiter`. */
export interface ServerLimiterOptions {
  /** Key prefix in Redis, e.g. the BullMQ prefix (`bull`); keys are `<prefix>:panel-slots:<serverId>`. */
  prefix: string;
  /**
   * How long a slot stays taken without `extend`: a crashed process's slots free themselves after this.
   * Holders extend their lease while they work (`withServerSlot` does it every `leaseMs / 3`).
   * @defaultValue 60000
   */
  leaseMs?: number;
}

// Slots are members of a sorted set scored by lease expiry (Redis server time, so the hosts' clocks do not matter).
const nowMs = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] slots · ARGV max, leaseMs, token → 1 taken, 0 full. */
const acquireScript = `${nowMs}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/** KEYS[1] slots · ARGV token, leaseMs → 1 extended, 0 lease already lost. */
const extendScript = `${nowMs}
local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expires or tonumber(expires) <= now then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

interface LimiterCommands {
  upshiftSlotAcquire(key: string, max: number, leaseMs: number, token: string): Promise<number>;
  upshiftSlotExtend(key: string, token: string, leaseMs: number): Promise<number>;
}

/**
 * A counting semaphore per panel server in Redis, shared by every worker process: at most `max` leases per
 * server at once. Each lease expires after `leaseMs` unless extended, so a crashed holder cannot keep a slot.
 * `tryAcquire` never waits: a caller that gets null should postpone its job, not block a worker slot.
 */
export class ServerLimiter {
  readonly leaseMs: number;
  private readonly commands: LimiterCommands;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly opts: ServerLimiterOptions,
  ) {
    if (!opts.prefix) throw new RangeError('ServerLimiterOptions.prefix: must not be empty');
    this.leaseMs = opts.leaseMs ?? 60_000;
    if (!Number.isInteger(this.leaseMs) || this.leaseMs < 100)
      throw new RangeError(`ServerLimiterOptions.leaseMs: must be an integer ≥ 100, got ${this.leaseMs}`);
    const commands = redis as unknown as Partial<LimiterCommands>;
    if (typeof commands.upshiftSlotAcquire !== 'function')
      redis.defineCommand('upshiftSlotAcquire', { numberOfKeys: 1, lua: acquireScript });
    if (typeof commands.upshiftSlotExtend !== 'function')
      redis.defineCommand('upshiftSlotExtend', { numberOfKeys: 1, lua: extendScript });
    this.commands = redis as unknown as LimiterCommands;
  }

  /** Takes a slot of `serverId` if fewer than `max` are taken; returns its lease token, or null when full. */
  async tryAcquire(serverId: number, max: number): Promise<string | null> {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`maxConcurrency: must be a positive integer, got ${max}`);
    const token = randomUUID();
    return (await this.commands.upshiftSlotAcquire(this.key(serverId), max, this.leaseMs, token)) === 1 ? token : null;
  }

  /** Pushes the lease's expiry to now + `leaseMs`; false when the lease had already expired (the slot may be someone else's now). */
  async extend(serverId: number, token: string): Promise<boolean> {
    return (await this.commands.upshiftSlotExtend(this.key(serverId), token, this.leaseMs)) === 1;
  }

  /** Frees the slot held by `token` (a no-op when it already expired). */
  async release(serverId: number, token: string): Promise<void> {
    await this.redis.zrem(this.key(serverId), token);
  }

  /** How many unexpired leases `serverId` has (for metrics and tests). */
  async inUse(serverId: number): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    return this.redis.zcount(
      this.key(serverId),
      `(${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}`,
      '+inf',
    );
  }

  private key(serverId: number): string {
    return `${this.opts.prefix}:panel-slots:${serverId}`;
  }
}
