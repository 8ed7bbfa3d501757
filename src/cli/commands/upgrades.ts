import { parseArgs } from 'node:util';
import type { BulkChangeSummary, UpgradeHistory } from '../../app/ops/index.js';
import type { CliCommand } from '../command.js';
import { operator, positiveInt, printJson, usageError, withOpsRuntime } from './jobs.js';

const HELP = `usage: upshift upgrades <show|bulk> [options]

  show <upgradeId> [--json]
        the upgrade's whole history: status changes, invoice and payments, credits, panel
        calls, emails, webhooks, its jobs (and replays) in Redis, and ops actions, by time
  bulk --from-product <id> --to-product <id> [--free | --as-of <date>] [--dry-run] [--who <name>]
       [--batch-size <n>] [--json]
        move every service of one product to another (retiring a plan). Without --free each
        service gets a staff upgrade order (priced as of --as-of, default today, and
        invoiced); with --free a staff manual
        change (recurring amount from the catalog, ChangePackage, no invoice). Batches of
        --batch-size (default 50) wait for the queue to work off the previous one, and
        ChangePackage jobs wait on the per-server panel limit. Resumable: run it again after an
        interruption; services already moved or with an open upgrade are skipped.
Exit: 0 done, 1 some services failed, 2 bad usage, 130 interrupted.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  'from-product': { type: 'string' },
  'to-product': { type: 'string' },
  free: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'as-of': { type: 'string' },
  who: { type: 'string' },
  'batch-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function printHistory(h: UpgradeHistory): void {
  const u = h.upgrade;
  const out = [
    `upgrade ${u.id}: ${u.status}${u.reason ? ` (${u.reason})` : ''}`,
    `service ${u.serviceId}, client ${u.clientId}, ${u.actor} order as of ${u.asOf}, request ${JSON.stringify(u.request)}`,
    ...(h.invoice
      ? [
          `invoice ${h.invoice.id}: ${h.invoice.status}, total ${h.invoice.total} ${h.invoice.currency}, paid ${h.invoice.amountPaid}`,
        ]
      : ['no invoice']),
    ...(u.provisioning ? [`provisioning: ${JSON.stringify(u.provisioning)}`] : []),
    '',
    'jobs:',
    ...h.jobs.map(
      (j) => `  ${j.queue.padEnd(15)} ${j.jobId.padEnd(40)} ${j.state}${j.failedReason ? `: ${j.failedReason}` : ''}`,
    ),
    '',
    'timeline:',
    ...h.timeline.map((t) => `  ${t.at}  ${t.source.padEnd(7)} ${t.event}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function printSummary(s: BulkChangeSummary): void {
  for (const i of s.items) process.stdout.write(`service ${i.serviceId}: ${i.outcome} (${i.detail})\n`);
  const done = s.free
    ? `${s.changed} ${s.dryRun ? 'to change' : 'changed'}`
    : `${s.ordered} ${s.dryRun ? 'to order' : 'ordered'}`;
  process.stdout.write(
    `product ${s.fromProductId} → ${s.toProductId}${s.free ? ' (free)' : ''}: ${s.matched} matched, ${done}, ${s.skipped} skipped, ${s.failed} failed` +
      `${s.interrupted ? ', interrupted (run again to resume)' : ''}${s.dryRun ? ' (dry run: nothing changed)' : `; run ${s.runId}`}\n`,
  );
}

export const command: CliCommand = {
  summary: "show an upgrade's whole history; bulk-move the services of a product",
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      process.stderr.write(`upshift upgrades: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    const flags = parsed.values;
    const [sub, ...rest] = parsed.positionals;
    if (flags.help || sub === undefined) {
      process.stdout.write(HELP);
      return flags.help ? 0 : 2;
    }
    if (sub !== 'show' && sub !== 'bulk') {
      process.stderr.write(`upshift upgrades: unknown sub-command '${sub}'\n\n${HELP}`);
      return 2;
    }
    const usage = (message: string) => {
      process.stderr.write(`upshift upgrades ${sub}: ${message}\n\n${HELP}`);
      return 2;
    };
    if (sub === 'show') {
      if (rest.length !== 1 || !/^[1-9]\d*$/.test(rest[0])) return usage('show needs one upgrade id');
      const stray = Object.keys(flags).find((k) => k !== 'json');
      if (stray) return usage(`--${stray} does not apply here`);
      return withOpsRuntime('upgrades show', HELP, async (rt) => {
        const { upgradeHistory } = await import('../../app/ops/index.js');
        const history = await upgradeHistory(rt.ctx, rt.producer, Number(rest[0]));
        if (flags.json) printJson(history);
        else printHistory(history);
        return 0;
      });
    }
    if (rest.length > 0) return usage(`unexpected argument '${rest[0]}'`);
    if (flags['from-product'] === undefined || flags['to-product'] === undefined)
      return usage('bulk needs --from-product and --to-product');
    return withOpsRuntime('upgrades bulk', HELP, async (rt, signal) => {
      const { bulkChange, silentProgress } = await import('../../app/ops/index.js');
      const { ProgressReporter } = await import('../../observability/progress-reporter.js');
      const ids = {
        from: positiveInt(flags['from-product'], 'from-product', 0),
        to: positiveInt(flags['to-product'], 'to-product', 0),
      };
      if (ids.from === ids.to) throw usageError('--to-product must differ from --from-product', 'to-product');
      const summary = await bulkChange(
        rt.ctx,
        rt.producer,
        { fromProductId: ids.from, toProductId: ids.to, free: flags.free ?? false, asOf: flags['as-of'] },
        {
          who: operator(flags.who),
          dryRun: flags['dry-run'] ?? false,
          batchSize: positiveInt(flags['batch-size'], 'batch-size', 50),
          signal,
          progress: flags.json ? silentProgress : new ProgressReporter(),
        },
      );
      if (flags.json) printJson(summary);
      else printSummary(summary);
      return summary.interrupted ? 130 : summary.failed > 0 ? 1 : 0;
    });
  },
};
