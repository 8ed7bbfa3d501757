import { expect } from 'chai';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { changePackage } from '../../../src/panels/change-package.js';
import { createPanelAdapter } from '../../../src/panels/create-panel-adapter.js';
import { FakeCpanelServer } from '../../../src/panels/fakes/fake-cpanel-server.js';

/** A TCP relay in front of a fake panel that counts the connections opened through it. */
async function countingRelay(targetPort: number): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    connections += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

describe('panel adapters keep connections alive per server', () => {
  it('runs two ChangePackages (eight calls) from two adapters of one server over one TLS connection', async () => {
    const fake = await FakeCpanelServer.start({ accounts: { ann: { plan: 'starter' }, ben: { plan: 'starter' } } });
    const relay = await countingRelay(fake.port);
    try {
      const config = fake.serverConfig({ id: 9001, port: relay.port });
      expect(await changePackage(createPanelAdapter(config), 'ann', 'pro')).to.deep.equal({
        previousPackage: 'starter',
        changed: true,
        package: 'pro',
      });
      expect(await changePackage(createPanelAdapter(config), 'ben', 'pro')).to.deep.equal({
        previousPackage: 'starter',
        changed: true,
        package: 'pro',
      });
      expect(fake.count()).to.equal(8);
      expect(relay.connections()).to.equal(1);
      // Another TLS setting for the same server id gets its own agent, hence its own connection.
      await createPanelAdapter({
        ...config,
        tls: { verify: true, caCert: null, fingerprint: fake.certificate.fingerprint256 },
      }).listPackages();
      expect(relay.connections()).to.equal(2);
    } finally {
      relay.server.close();
      await fake.close();
    }
  });
});
