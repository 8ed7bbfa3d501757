import type { CliCommandLoader } from '../command.js';

/**
 * Every `upshift` sub-command, by name. Each entry imports its module on demand.
 * Add a command by adding one line here and one file beside this one.
 */
export const commands: Record<string, CliCommandLoader> = {
  demo: () => import('./demo.js'),
  jobs: () => import('./jobs.js'),
  migrate: () => import('./migrate.js'),
  openapi: () => import('./openapi.js'),
  quote: () => import('./quote.js'),
  start: () => import('./start.js'),
  upgrades: () => import('./upgrades.js'),
};
