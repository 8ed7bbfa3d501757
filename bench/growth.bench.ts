// `npm run bench:growth`: what one upgrade costs each engine, measured on private servers so nothing else on the
// machine is counted: a private mariadbd and a private redis-server (test/chaos/support), one `upshift start
// --workers all` process, the HTTP API in this process (orders and payments with Idempotency-Key, as a front-end
// sends them) and a webhook endpoint, so every table the pipeline writes is written. Prints, per upgrade:
//   rows and bytes per table (InnoDB data + index after ANALYZE TABLE),
//   SQL statements and commits (SHOW GLOBAL STATUS deltas), Redis commands and memory (INFO deltas),
//   CPU milliseconds of the worker process, mariadbd and redis-server (/proc).
// docs/SCALING.md is written from its output.  GROWTH_UPGRADES=1000 (default) sets the batch.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { startFleetApi } from '../test/chaos/support/api-url.js';
import { auditRun } from '../test/chaos/support/audit.js';
import { FleetEnv } from '../test/chaos/support/fleet-env.js';
import { MariadbChild } from '../test/chaos/support/mariadb-child.js';
import { RedisChild } from '../test/chaos/support/redis-child.js';
import { httpClient } from '../test/chaos/support/upgrade-client.js';
import { driveUpgrades } from '../test/chaos/support/upgrade-driver.js';
import { logLine } from './support/bench-env.js';
import { processCpuSeconds } from './support/cpu-meter.js';

const N = Number(process.env.GROWTH_UPGRADES ?? 1000);
const log = logLine;
const TABLES = [
  'upgrades',
  'upgrade_transitions',
  'invoices',
  'invoice_lines',
  'payments',
  'credit_ledger',
  'service_terms',
  'promotion_uses',
  'open_upgrade_slots',
  'panel_calls',
  'email_log',
  'webhook_deliveries',
  'idempotency_keys',
  'job_audit',
  'upgrade_heals',
];
const STATUS = [
  'Questions',
  'Com_select',
  'Com_insert',
  'Com_update',
  'Com_delete',
  'Com_commit',
  'Com_begin',
  'Innodb_rows_inserted',
  'Innodb_rows_updated',
  'Innodb_data_fsyncs',
  'Bytes_received',
  'Bytes_sent',
];

const mariadb = await MariadbChild.start();
const redis = await RedisChild.start();
const hooks = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.statusCode = 204;
    res.end();
  });
});
await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
const database = 'upshift_growth';
const env = await FleetEnv.start({
  tag: 'growth',
  services: N,
  servers: 4,
  maxConcurrency: 4,
  redisUrl: redis.url,
  env: {
    DATABASE_URL: `${mariadb.url}/${database}`,
    WEBHOOK_URLS: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`,
    WEBHOOK_SECRET: 'growth-bench-webhook-secret',
  },
});
const admin = await createConnection({ host: '127.0.0.1', port: mariadb.port, user: 'root', database });
const redisAdmin = new Redis(redis.url);
const pids = {
  mariadbd: (mariadb as unknown as { child: { pid: number } }).child.pid,
  redis: (redis as unknown as { child: { pid: number } }).child.pid,
};

async function tables(): Promise<Record<string, { rows: number; bytes: number }>> {
  const out: Record<string, { rows: number; bytes: number }> = {};
  for (const t of TABLES) {
    await admin.query(`ANALYZE TABLE ${t} PERSISTENT FOR ALL`);
    const [[c]] = (await admin.query(`SELECT COUNT(*) AS n FROM ${t}`)) as unknown as [[{ n: number }]];
    const [[s]] = (await admin.query(
      'SELECT DATA_LENGTH + INDEX_LENGTH AS b FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      [database, t],
    )) as unknown as [[{ b: number }]];
    out[t] = { rows: Number(c.n), bytes: Number(s.b) };
  }
  return out;
}
async function status(): Promise<Record<string, number>> {
  const [rows] = (await admin.query('SHOW GLOBAL STATUS')) as unknown as [
    Array<{ Variable_name: string; Value: string }>,
  ];
  return Object.fromEntries(
    rows.filter((r) => STATUS.includes(r.Variable_name)).map((r) => [r.Variable_name, Number(r.Value)]),
  );
}
async function redisInfo(): Promise<{ commands: number; memory: number; keys: number; cpu: number; evalsha: number }> {
  const info = await redisAdmin.info();
  const num = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  const evalsha = Number(/^cmdstat_evalsha:calls=(\d+)/m.exec(info)?.[1] ?? 0);
  return {
    commands: num('total_commands_processed'),
    memory: num('used_memory'),
    keys: await redisAdmin.dbsize(),
    cpu: num('used_cpu_sys') + num('used_cpu_user'),
    evalsha,
  };
}

try {
  env.workers.start(1);
  await env.waitForWorkers(1);
  const api = await startFleetApi(env);
  const client = httpClient(api, env.token);
  const workerPid = env.workers.pids[0];
  const t0 = await tables();
  const s0 = await status();
  const r0 = await redisInfo();
  const cpu0 = {
    worker: processCpuSeconds(workerPid)!,
    mariadbd: processCpuSeconds(pids.mariadbd)!,
    redis: processCpuSeconds(pids.redis)!,
  };
  log(`driving ${N} upgrades through the HTTP API…`);
  const run = await driveUpgrades(env.ctx.ds, client, env.catalog.services, env.catalog.proId, {
    parallel: 16,
    timeoutMs: 30 * 60_000,
  });
  await env.waitForIdle(120_000);
  const cpu1 = {
    worker: processCpuSeconds(workerPid)!,
    mariadbd: processCpuSeconds(pids.mariadbd)!,
    redis: processCpuSeconds(pids.redis)!,
  };
  const r1 = await redisInfo();
  const s1 = await status();
  const t1 = await tables();
  const audit = await auditRun(env.ctx.ds, env.farm, env.catalog, env.outboxDir, env.ctx.config.staffEmail);
  const seconds = (run.settledAt - run.startedAt) / 1000;
  log(
    `${N} upgrades in ${seconds.toFixed(1)} s (${(N / seconds).toFixed(1)}/s), statuses ${JSON.stringify(run.statuses)}, audit ${audit.problems.length ? audit.problems.join('; ') : 'clean'}`,
  );

  const per = (a: number, b: number) => (b - a) / N;
  const lines = ['| table | rows per upgrade | bytes per upgrade (data + indexes) |', '| --- | --- | --- |'];
  let totalBytes = 0;
  for (const t of TABLES) {
    const rows = per(t0[t].rows, t1[t].rows);
    const bytes = per(t0[t].bytes, t1[t].bytes);
    totalBytes += bytes;
    if (rows > 0 || bytes > 0) lines.push(`| \`${t}\` | ${rows.toFixed(2)} | ${Math.round(bytes)} |`);
  }
  lines.push(`| all | | ${Math.round(totalBytes)} |`);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  const st = Object.fromEntries(STATUS.map((k) => [k, per(s0[k], s1[k])]));
  process.stdout.write(
    `MariaDB per upgrade: ${Object.entries(st)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `Redis per upgrade: ${per(r0.commands, r1.commands).toFixed(1)} commands (${per(r0.evalsha, r1.evalsha).toFixed(1)} EVALSHA), ${Math.round(per(r0.memory, r1.memory))} bytes of memory kept (completed jobs), ${per(r0.keys, r1.keys).toFixed(2)} keys\n`,
  );
  const ms = (a: number, b: number) => ((b - a) * 1000) / N;
  process.stdout.write(
    `CPU per upgrade (ms): worker ${ms(cpu0.worker, cpu1.worker).toFixed(1)}, mariadbd ${ms(cpu0.mariadbd, cpu1.mariadbd).toFixed(1)}, redis-server ${ms(cpu0.redis, cpu1.redis).toFixed(2)} (INFO: ${ms(r0.cpu, r1.cpu).toFixed(2)})\n`,
  );
  process.stdout.write(
    `growth-outcome ${JSON.stringify({ upgrades: N, seconds, tables: Object.fromEntries(TABLES.map((t) => [t, { rows: per(t0[t].rows, t1[t].rows), bytes: per(t0[t].bytes, t1[t].bytes) }])), mariadb: st, redis: { commands: per(r0.commands, r1.commands), evalsha: per(r0.evalsha, r1.evalsha), memory: per(r0.memory, r1.memory), keys: per(r0.keys, r1.keys) }, cpuMs: { worker: ms(cpu0.worker, cpu1.worker), mariadbd: ms(cpu0.mariadbd, cpu1.mariadbd), redis: ms(cpu0.redis, cpu1.redis) }, audit: audit.problems })}\n`,
  );
} finally {
  await admin.end();
  redisAdmin.disconnect();
  await env.close();
  hooks.close();
  await redis.close();
  await mariadb.close();
}
