/** A configuration value is missing or malformed. The message names the variable and what it expects. */
export class ConfigError extends Error {
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
