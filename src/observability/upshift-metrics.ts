import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { PanelCallEntry } from '../panels/panel-call-recorder.js';

/** How a job attempt ended, as the job duration histogram labels it. */
export type JobOutcome = 'completed' | 'retried' | 'failed' | 'delayed';

/** What {@link UpshiftMetrics.trackEmail} counts: the send's status, or `failed` when it threw. */
type EmailResult = { status: 'sent' | 'already-sent' };
/** What {@link UpshiftMetrics.trackWebhook} counts. */
type WebhookResult = { status: string };

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The metrics one process records (Prometheus, prom-client): job durations by queue and outcome, panel call
 * latency and errors by server, emails and webhooks sent, and Node's own process metrics. Queue depths are not
 * here: they are read from Redis at scrape time (see queue-depth-registry.ts), so every process reports the same.
 * Each process has its own counters; Prometheus scrapes every process and sums.
 */
export class UpshiftMetrics {
  readonly registry = new Registry();

  private readonly jobDuration = new Histogram({
    name: 'upshift_job_duration_seconds',
    help: 'Time one job attempt ran, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly panelCallDuration = new Histogram({
    name: 'upshift_panel_call_duration_seconds',
    help: 'Control panel HTTP call latency, by server id, panel action and outcome',
    labelNames: ['server', 'action', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly panelCallErrors = new Counter({
    name: 'upshift_panel_call_errors_total',
    help: 'Control panel calls that failed or got no usable reply, by server id and panel action',
    labelNames: ['server', 'action'] as const,
    registers: [this.registry],
  });

  private readonly emails = new Counter({
    name: 'upshift_emails_total',
    help: 'Upgrade email sends by template and result (sent, already_sent: a replay, failed)',
    labelNames: ['template', 'result'] as const,
    registers: [this.registry],
  });

  private readonly webhooks = new Counter({
    name: 'upshift_webhooks_total',
    help: 'Webhook delivery attempts by event and result (delivered, already_delivered: a replay, failed)',
    labelNames: ['event', 'result'] as const,
    registers: [this.registry],
  });

  private readonly heals = new Counter({
    name: 'upshift_heals_total',
    help: 'Stuck upgrades the scheduler re-drove under a new heal job id, by queue of the job and the state the upgrade was stuck in',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'upshift_' });
  }

  /** One job attempt ended after `seconds`. */
  observeJob(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, outcome }, seconds);
  }

  /** One panel HTTP call (the entry the panel call log gets). */
  observePanelCall(entry: PanelCallEntry): void {
    const server = String(entry.serverId);
    this.panelCallDuration.observe({ server, action: entry.action, outcome: entry.outcome }, entry.durationMs / 1000);
    if (entry.outcome !== 'ok') this.panelCallErrors.inc({ server, action: entry.action });
  }

  /** One stuck upgrade re-driven by the healing sweep. */
  countHeal(queue: string, state: string): void {
    this.heals.inc({ queue, state });
  }

  /** Counts the outcome of one email send and passes its result (or error) through. */
  trackEmail<T extends EmailResult>(template: string, send: Promise<T>): Promise<T> {
    return send.then(
      (r) => {
        this.emails.inc({ template, result: r.status === 'sent' ? 'sent' : 'already_sent' });
        return r;
      },
      (err: unknown) => {
        this.emails.inc({ template, result: 'failed' });
        throw err;
      },
    );
  }

  /** Counts the outcome of one webhook delivery attempt and passes its result (or error) through. */
  trackWebhook<T extends WebhookResult>(event: string, delivery: Promise<T>): Promise<T> {
    return delivery.then(
      (r) => {
        this.webhooks.inc({ event, result: r.status.replace('-', '_') });
        return r;
      },
      (err: unknown) => {
        this.webhooks.inc({ event, result: 'failed' });
        throw err;
      },
    );
  }
}
