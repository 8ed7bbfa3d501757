import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/** Error code of a certificate that does not match the pinned fingerprint. */
export const PIN_MISMATCH_CODE = 'ERR_PANEL_TLS_PIN_MISMATCH';

/**
 * An HTTPS agent that trusts exactly one certificate, named by its SHA-256 fingerprint. The chain is not
 * checked (the pin is the identity, so self-signed panel certificates work). The socket is handed to the HTTP
 * request only after the handshake and the fingerprint check, so no request byte — and no credential — ever
 * reaches a server that presented another certificate.
 */
export class PinnedHttpsAgent extends https.Agent {
  constructor(
    /** Expected `fingerprint256`, in `AB:CD:…` form (see `normalizeFingerprint`). */
    private readonly fingerprint256: string,
    options: https.AgentOptions = {},
  ) {
    super({ ...options, rejectUnauthorized: false });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    const fail = (err: Error): void => {
      socket.destroy();
      callback?.(err, socket);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.removeListener('error', fail);
      const presented = socket.getPeerCertificate().fingerprint256;
      if (presented !== this.fingerprint256) {
        fail(
          Object.assign(
            new Error(
              `certificate fingerprint ${presented || '(none)'} does not match the pinned ${this.fingerprint256}`,
            ),
            { code: PIN_MISMATCH_CODE },
          ),
        );
        return;
      }
      callback?.(null, socket);
    });
    return undefined;
  }
}
