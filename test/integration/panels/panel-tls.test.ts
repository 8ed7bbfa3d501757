import { expect } from 'chai';
import https from 'node:https';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { PanelTlsError } from '../../../src/panels/panel-errors.js';
import { createFakeCa, issueFakeServerCertificate, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import type { PanelLogger } from '../../../src/panels/panel-logger.js';
import type { PanelServerConfig } from '../../../src/panels/panel-server-config.js';

describe('per-server TLS settings', function () {
  this.timeout(20_000);
  let ca: FakeCa;
  let otherCa: FakeCa;
  let caSigned: FakeCpanelServer;
  let selfSigned: FakeCpanelServer;

  before(async () => {
    [ca, otherCa] = await Promise.all([createFakeCa(), createFakeCa('some other CA')]);
    caSigned = await FakeCpanelServer.start({ ca });
    selfSigned = await FakeCpanelServer.start({ certificate: await issueFakeServerCertificate() });
  });
  after(async () => {
    await Promise.all([caSigned.close(), selfSigned.close()]);
  });
  beforeEach(() => {
    caSigned.resetStats();
    selfSigned.resetStats();
  });

  const config = (
    fake: FakeCpanelServer,
    tls: PanelServerConfig['tls'],
    extra: Partial<PanelServerConfig> = {},
  ): PanelServerConfig => ({ ...fake.serverConfig({ id: 1 }), tls, ...extra });
  const tlsFailure = (c: PanelServerConfig): Promise<unknown> =>
    createPanelAdapter(c)
      .listPackages()
      .then(
        () => expect.fail('connected'),
        (err: unknown) => err,
      );

  it('verifies by default, against the system CAs: a private CA fails, permanently, before any request is sent', async () => {
    const err = await tlsFailure(config(caSigned, { verify: true }));
    expect(err).to.be.instanceOf(PanelTlsError);
    expect((err as PanelTlsError).retry).to.deep.equal({ kind: 'never' });
    expect((err as Error).message).to.match(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect(caSigned.count()).to.equal(0);
  });

  it("trusts the server's own CA certificate (by IP and by host name)", async () => {
    expect(await createPanelAdapter(config(caSigned, { verify: true, caCert: ca.cert })).listPackages()).to.have.length(
      3,
    );
    expect(
      await createPanelAdapter(
        config(caSigned, { verify: true, caCert: ca.cert }, { hostname: 'localhost' }),
      ).listPackages(),
    ).to.have.length(3);
    expect(await tlsFailure(config(caSigned, { verify: true, caCert: otherCa.cert }))).to.be.instanceOf(PanelTlsError);
    expect(caSigned.count()).to.equal(2);
  });

  it('pins a self-signed certificate by SHA-256 fingerprint, without turning verification off', async () => {
    const pin = selfSigned.certificate.fingerprint256;
    expect(
      await createPanelAdapter(
        config(selfSigned, { verify: true, fingerprint: pin.replace(/:/g, '').toLowerCase() }),
      ).listPackages(),
    ).to.have.length(3);
    expect(selfSigned.count()).to.equal(1);
  });

  it('refuses a certificate that does not match the pin, and sends it no request (no credentials leak)', async () => {
    const err = await tlsFailure(
      config(caSigned, { verify: false, fingerprint: selfSigned.certificate.fingerprint256 }),
    );
    expect(err).to.be.instanceOf(PanelTlsError);
    expect((err as Error).message).to.match(/does not match the pinned/);
    expect(caSigned.count()).to.equal(0);
  });

  it('can turn verification off for one server only, with a warning, leaving the process and other servers verified', async () => {
    const warnings: string[] = [];
    const logger: PanelLogger = { warn: (_obj, msg) => warnings.push(msg) };
    expect(
      await createPanelAdapter(config(selfSigned, { verify: false }), undefined, { logger }).listPackages(),
    ).to.have.length(3);
    expect(warnings).to.deep.equal([
      'TLS verification is off for this panel server; set a CA certificate or a fingerprint pin',
    ]);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).to.equal(undefined);
    expect(https.globalAgent.options.rejectUnauthorized).not.to.equal(false);
    expect(await tlsFailure(config(selfSigned, { verify: true }))).to.be.instanceOf(PanelTlsError);
  });
});
