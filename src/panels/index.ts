export type { PanelAccount, PanelAccountKind, PanelAdapter } from './panel-adapter.js';
export { listForMessage, resolveListedPackage } from './resolve-listed-package.js';
export {
  defaultPanelPorts,
  defaultPanelTimeoutsMs,
  validatePanelServerConfig,
  type PanelServerConfig,
  type PanelTlsConfig,
  type PanelType,
} from './panel-server-config.js';
export { createPanelAdapter, type PanelAdapterOptions } from './create-panel-adapter.js';
export type { PanelCallEntry, PanelCallRecorder } from './panel-call-recorder.js';
export { MemoryPanelCallRecorder } from './memory-panel-call-recorder.js';
export { silentPanelLogger, type PanelLogger } from './panel-logger.js';
export { changePackage, type ChangePackageOptions, type ChangePackageResult } from './change-package.js';
export { ServerLimiter, type ServerLimiterOptions } from './server-limiter.js';
export {
  provisionWithLimit,
  withServerSlot,
  type ProvisionWithLimitDeps,
  type ServerSlotOptions,
} from './provision-with-limit.js';
export { SecretBox } from './secret-box.js';
export { createPanelHttpsAgent } from './tls/create-panel-https-agent.js';
export { normalizeFingerprint } from './tls/normalize-fingerprint.js';
export { REDACTED, redactHeaders, redactText } from './http/redact.js';
export * from './panel-errors.js';
