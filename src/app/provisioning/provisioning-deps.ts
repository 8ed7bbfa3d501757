import type { PanelAdapterOptions, ServerLimiter } from '../../panels/index.js';

/** What the provisioning step needs besides the app context; built once per worker process. */
export interface ProvisioningDeps {
  /** The Redis-backed per-server concurrency cap, shared by every worker process. */
  limiter: ServerLimiter;
  /** Adapter settings for every server (tests shorten timeouts). @defaultValue {} */
  adapterOptions?: PanelAdapterOptions;
}
