import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../../src/config/package-root.js';
import type { PipelineHarness } from '../../../support/pipeline-harness.js';
import { TEST_REDIS_URL } from '../../../support/pipeline-harness.js';

/** What one `upshift …` run printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `upshift` binary (a child process) against a pipeline's database and queue prefix, as an operator
 * would from a shell; stdin is closed and stderr is not a TTY, so progress comes as plain lines.
 */
export function runCli(
  h: Pick<PipelineHarness, 'db' | 'ctx'>,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'upshift.js'), ...args], {
      env: {
        ...process.env,
        DATABASE_URL: h.db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: h.ctx.config.queuePrefix,
        LOG_LEVEL: 'warn',
        USER: 'ci-operator',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
