import { NEVER, type Retryable } from '../domain/retry-advice.js';

/**
 * A configuration value is missing or malformed (any layer's: `MAIL_TRANSPORT` is checked where the transport is
 * built). The message names the variable and what it expects, never a credential. Never retried.
 */
export class ConfigError extends Error implements Retryable {
  readonly retry = NEVER;

  constructor(
    /** The environment variable (or config key) at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
