import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LogFormat, UpshiftConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { CONFIG_VARIABLES } from './config-variables.js';
import { packageRoot } from './package-root.js';
import { checkRetention } from './retention-config.js';

type Env = Record<string, string | undefined>;
type Defaults = Omit<
  UpshiftConfig,
  'nodeEnv' | 'secretsKeys' | 'secretsKeyId' | 'secretsKeyIsDevelopment' | 'logFormat'
> & {
  /** null: decided by whether stdout is a terminal. */
  logFormat: LogFormat | null;
};

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Whether stdout is a terminal; decides the default `LOG_FORMAT`. @defaultValue `process.stdout.isTTY` */
  stdoutIsTty?: boolean;
}

/** Parses `SECRETS_KEY`: 64 hex characters, or `id:hex,id:hex` (first encrypts, all decrypt, for rotation). */
function parseSecretsKeys(raw: string): { keys: Record<string, Buffer>; current: string } {
  const keys: Record<string, Buffer> = {};
  let current = '';
  for (const [i, part] of raw
    .split(',')
    .map((s) => s.trim())
    .entries()) {
    const [id, hex] = part.includes(':') ? (part.split(':', 2) as [string, string]) : ['k1', part];
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new ConfigError(
        'SECRETS_KEY',
        'expected 32 bytes as 64 hex characters (optionally "keyId:hex", comma-separated for rotation)',
      );
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id))
      throw new ConfigError('SECRETS_KEY', `key id '${id}' must be 1-16 letters, digits, _ or -`);
    keys[id] = Buffer.from(hex, 'hex');
    if (i === 0) current = id;
  }
  return { keys, current };
}

/** A fixed key for development and tests only; start-up refuses it under NODE_ENV=production. */
const DEVELOPMENT_KEY = createHash('sha256').update('upshift-development-key').digest();

function readDefaults(): Defaults {
  return JSON.parse(readFileSync(join(packageRoot(), 'config', 'default.json'), 'utf8')) as Defaults;
}

/** Sets `a.b` or `a` on `target`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) target[head] = value;
  else (target[head] as Record<string, unknown>)[tail] = value;
}

/**
 * Builds the configuration: `config/default.json` (the one place defaults live), overridden by the environment
 * variables of {@link CONFIG_VARIABLES}, each parsed by its zod schema. Throws {@link ConfigError} naming the first bad
 * variable; callers print it and exit non-zero.
 */
export function loadConfig(env: Env = process.env, opts: LoadConfigOptions = {}): UpshiftConfig {
  const values = readDefaults() as unknown as Record<string, unknown>;
  for (const [variable, { key, schema }] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(variable, parsed.error.issues[0]?.message ?? 'invalid value');
    setPath(values, key, parsed.data);
  }
  // A person at a terminal reads lines; anything else (a pipe, systemd, docker) ships JSON.
  values.logFormat ??= ((opts.stdoutIsTty ?? process.stdout.isTTY === true) ? 'pretty' : 'json') satisfies LogFormat;
  const nodeEnv = env.NODE_ENV || 'development';
  let secrets: { keys: Record<string, Buffer>; current: string; dev: boolean };
  if (env.SECRETS_KEY) {
    secrets = { ...parseSecretsKeys(env.SECRETS_KEY.trim()), dev: false };
  } else if (nodeEnv === 'production') {
    throw new ConfigError(
      'SECRETS_KEY',
      'required when NODE_ENV=production: 32 bytes as 64 hex characters (e.g. `openssl rand -hex 32`)',
    );
  } else {
    secrets = { keys: { dev: DEVELOPMENT_KEY }, current: 'dev', dev: true };
  }
  const config = {
    ...values,
    nodeEnv,
    secretsKeys: secrets.keys,
    secretsKeyId: secrets.current,
    secretsKeyIsDevelopment: secrets.dev,
  } as UpshiftConfig;
  checkRetention(config.retention);
  if (config.webhookUrls.length > 0 && !config.webhookSecret) {
    throw new ConfigError(
      'WEBHOOK_SECRET',
      'required when WEBHOOK_URLS is set: front-ends verify each delivery with it (16+ characters)',
    );
  }
  return config;
}
