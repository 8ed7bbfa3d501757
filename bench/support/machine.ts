import os from 'node:os';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/db/database-url.js';

/** What the figures were measured on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  mariadb: string;
  /** innodb_flush_log_at_trx_commit (1 = an fsync per commit, the durable setting). */
  flushLogAtTrxCommit: string;
  redis: string;
  redisPersistence: string;
  /** 1-minute load average when the bench started (other work on a shared machine shows here). */
  loadAverage: number;
}

/** Reads the machine, MariaDB and Redis versions and settings that matter to the figures. */
export async function describeMachine(mysqlServerUrl: string, redisUrl: string): Promise<MachineInfo> {
  const { host, port, username, password } = parseDatabaseUrl(`${mysqlServerUrl}/mysql`);
  const db = await createConnection({ host, port, user: username, password });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const [[row]] = (await db.query(
      'SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flush',
    )) as unknown as [[{ version: string; flush: number }]];
    const info = await redis.info('server');
    const aof = (await redis.config('GET', 'appendonly')) as string[];
    const save = (await redis.config('GET', 'save')) as string[];
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      mariadb: row.version,
      flushLogAtTrxCommit: String(row.flush),
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      redisPersistence: `appendonly ${aof[1] ?? '?'}, save '${save[1] ?? ''}'`,
      loadAverage: os.loadavg()[0],
    };
  } finally {
    await db.end();
    redis.disconnect();
  }
}
