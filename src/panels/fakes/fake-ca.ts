import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A certificate authority made at start-up, so no key or certificate is ever committed. */
export interface FakeCa {
  /** PEM certificate: what a panel server's `tls.caCert` should hold. */
  cert: string;
  /** PEM private key. */
  key: string;
}

/** A server certificate and its key. */
export interface FakeCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint in `AB:CD:…` form: what a panel server's `tls.fingerprint` should hold to pin it. */
  fingerprint256: string;
}

/** Hosts every fake certificate is valid for. */
export const fakeCertificateHosts: readonly string[] = ['127.0.0.1', 'localhost'];

/** Creates a fresh CA (EC P-256, one day). */
export async function createFakeCa(commonName = 'Upshift fake panel CA'): Promise<FakeCa> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Issues a server certificate for 127.0.0.1 and localhost, signed by `ca`, or self-signed when `ca` is omitted. */
export async function issueFakeServerCertificate(
  ca?: FakeCa,
  commonName = 'fake-panel.localhost',
): Promise<FakeCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    ...(ca ? { ca: { key: ca.key, cert: ca.cert } } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}
