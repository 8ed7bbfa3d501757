import { expect } from 'chai';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { createFakeCa, type FakeCa } from '../../../src/panels/fakes/fake-ca.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';
import { PanelRejectedError } from '../../../src/panels/panel-errors.js';

/**
 * PANEL_ALLOWED_NETWORKS holds at connection time too, not only when a server is registered: a host name that now
 * resolves elsewhere (DNS re-pointed after registration) is refused before anything is sent.
 */
describe('panel connections stay inside PANEL_ALLOWED_NETWORKS (fake WHM over HTTPS)', function () {
  this.timeout(20_000);
  let ca: FakeCa;
  let fake: FakeCpanelServer;
  before(async () => {
    ca = await createFakeCa();
    fake = await FakeCpanelServer.start({ ca });
  });
  after(async () => {
    await fake.close();
  });

  // `localhost` resolves to 127.0.0.1 (and ::1): the fake's certificate covers the name.
  const adapter = (allowedNetworks: string[], id: number) =>
    createPanelAdapter({ ...fake.serverConfig({ id }), hostname: 'localhost' }, undefined, { allowedNetworks });

  it('refuses, permanently and before sending anything, a host that resolves outside the networks', async () => {
    fake.resetStats();
    const err = await adapter(['10.0.0.0/8'], 901)
      .listPackages()
      .then(
        () => expect.fail('connected'),
        (e: unknown) => e,
      );
    expect(err).to.be.instanceOf(PanelRejectedError);
    expect((err as PanelRejectedError).retry).to.deep.equal({ kind: 'never' });
    expect((err as Error).message).to.match(
      /localhost resolves to (127\.0\.0\.1|::1), outside PANEL_ALLOWED_NETWORKS; nothing was sent/,
    );
    expect(fake.count()).to.equal(0);
  });

  it('connects when the host resolves inside them', async () => {
    expect(await adapter(['127.0.0.0/8', '::1/128'], 902).listPackages()).to.be.an('array').that.is.not.empty;
  });
});
