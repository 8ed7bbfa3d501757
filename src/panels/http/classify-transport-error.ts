import { isAxiosError } from 'axios';
import {
  PanelOutcomeUnknownError,
  PanelRejectedError,
  PanelTlsError,
  PanelTransientError,
  type PanelError,
  type PanelErrorOptions,
} from '../panel-errors.js';
import { PIN_MISMATCH_CODE } from '../tls/pinned-https-agent.js';
import { ADDRESS_NOT_ALLOWED_CODE } from '../tls/restricted-lookup.js';

/** The request never left this host, so even a write certainly did not happen. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  ADDRESS_NOT_ALLOWED_CODE,
]);

/** Certificate problems: a config or interception issue, never fixed by retrying. */
const tlsCodes = new Set([
  PIN_MISMATCH_CODE,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** How a call ended without an HTTP reply. */
export interface TransportFailure {
  /** What the call was: a write makes every failure after sending an unknown outcome. */
  mutating: boolean;
  /** The per-call deadline fired. */
  timedOut: boolean;
  timeoutMs: number;
  /** The caller's AbortSignal fired (job cancelled, shutdown). */
  abortedByCaller: boolean;
  /** Prefix for the message, e.g. `cpanel server 3 changepackage`. */
  label: string;
  options: PanelErrorOptions;
}

/** Classifies a failure that produced no HTTP reply (network, TLS, deadline, abort). */
export function classifyTransportError(err: unknown, failure: TransportFailure): PanelError {
  const code = errorCode(err);
  // Not the axios error itself: its config carries the request headers, credentials included, and loggers
  // serialize causes.
  const options = { ...failure.options, cause: Object.assign(new Error(messageOf(err)), code ? { code } : {}) };
  if (code === ADDRESS_NOT_ALLOWED_CODE) {
    // The host resolved outside PANEL_ALLOWED_NETWORKS: nothing was sent, and retrying reaches the same address.
    return new PanelRejectedError(`${failure.label}: ${messageOf(err)}; nothing was sent`, options);
  }
  if (code && tlsCodes.has(code)) {
    return new PanelTlsError(`${failure.label}: TLS check failed (${code}): ${messageOf(err)}`, options);
  }
  const reason = failure.timedOut
    ? `timed out after ${failure.timeoutMs} ms`
    : failure.abortedByCaller
      ? 'aborted by the caller'
      : `${code ?? 'network error'}: ${messageOf(err)}`;
  if (failure.mutating && !(code && notSentCodes.has(code))) {
    return new PanelOutcomeUnknownError(
      `${failure.label}: ${reason}; the change may or may not have been applied`,
      options,
    );
  }
  return new PanelTransientError(`${failure.label}: ${reason}`, options);
}

function errorCode(err: unknown): string | undefined {
  if (isAxiosError(err)) return err.code === 'ERR_CANCELED' ? undefined : (errorCode(err.cause) ?? err.code);
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
