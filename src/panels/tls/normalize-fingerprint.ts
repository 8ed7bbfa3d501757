import { PanelInputError } from '../panel-errors.js';

/**
 * Turns a SHA-256 certificate fingerprint written as `ab:cd:…`, `AB CD …` or 64 bare hex digits into Node's
 * `fingerprint256` form (`AB:CD:…`).
 * @throws PanelInputError naming `field` when it is not 32 bytes of hex.
 */
export function normalizeFingerprint(value: string, field = 'fingerprint'): string {
  const hex = value
    .replace(/^sha256[/:=]?/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new PanelInputError(`${field}: must be a SHA-256 fingerprint (64 hex digits, colons optional)`);
  }
  return hex.match(/../g)!.join(':');
}
