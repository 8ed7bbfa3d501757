import type { PanelServerConfig } from '../panel-server-config.js';
import { createFakeCa, type FakeCa } from './fake-ca.js';
import { FakeCpanelServer, type FakeCpanelOptions } from './fake-cpanel-server.js';
import { FakeDirectAdminServer, type FakeDirectAdminOptions } from './fake-directadmin-server.js';
import { FakePleskServer, type FakePleskOptions } from './fake-plesk-server.js';

/** Options of `startFakePanels`; each panel's seed data and settings (the shared CA is made here). */
export interface FakePanelsOptions {
  cpanel?: Omit<FakeCpanelOptions, 'ca' | 'certificate'>;
  plesk?: Omit<FakePleskOptions, 'ca' | 'certificate'>;
  directadmin?: Omit<FakeDirectAdminOptions, 'ca' | 'certificate'>;
}

/** Three running fake panels sharing one CA. */
export interface FakePanels {
  ca: FakeCa;
  cpanel: FakeCpanelServer;
  plesk: FakePleskServer;
  directadmin: FakeDirectAdminServer;
  /** Server configs for the three, ids 1–3 unless `firstId` says otherwise, trusting the CA (`tls.caCert`). */
  serverConfigs(firstId?: number): PanelServerConfig[];
  /** Stops all three. */
  close(): Promise<void>;
}

/**
 * Starts a fake WHM, Plesk and DirectAdmin on 127.0.0.1 (free ports) with a CA made now. Used by the tests and by
 * `upshift demo`. Default seed: WHM `bob` on `starter` (packages starter/pro/business); Plesk `example.com` on
 * `Starter` (Starter/Pro/Business); DirectAdmin `bob` on `basic` (basic/gold/platinum). Credentials are random.
 */
export async function startFakePanels(options: FakePanelsOptions = {}): Promise<FakePanels> {
  const ca = await createFakeCa();
  const [cpanel, plesk, directadmin] = await Promise.all([
    FakeCpanelServer.start({ ...options.cpanel, ca }),
    FakePleskServer.start({ ...options.plesk, ca }),
    FakeDirectAdminServer.start({ ...options.directadmin, ca }),
  ]);
  return {
    ca,
    cpanel,
    plesk,
    directadmin,
    serverConfigs: (firstId = 1) =>
      [cpanel, plesk, directadmin].map((fake, i) => fake.serverConfig({ id: firstId + i })),
    close: async () => {
      await Promise.all([cpanel.close(), plesk.close(), directadmin.close()]);
    },
  };
}
