import { UpshiftMetrics } from './upshift-metrics.js';

let instance: UpshiftMetrics | null = null;

/**
 * This process's metrics, made on first use so that importing a module that records metrics costs nothing
 * (`upshift quote` never builds a registry). Workers, the panel call log and the notification steps record
 * here; `GET /metrics` renders it.
 */
export function processMetrics(): UpshiftMetrics {
  instance ??= new UpshiftMetrics();
  return instance;
}
