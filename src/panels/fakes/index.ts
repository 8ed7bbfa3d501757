export {
  createFakeCa,
  issueFakeServerCertificate,
  fakeCertificateHosts,
  type FakeCa,
  type FakeCertificate,
} from './fake-ca.js';
export { FakeFaults, type FakeFault, type FakeFaultRule } from './fake-faults.js';
export {
  FakePanelServer,
  type FakeReply,
  type FakeRequest,
  type FakeRequestRecord,
  type FakeServerTlsOptions,
  type FakeTlsMaterial,
} from './fake-panel-server.js';
export { FakeCpanelServer, type FakeCpanelOptions, type FakeWhmAccount } from './fake-cpanel-server.js';
export {
  FakePleskServer,
  type FakePleskOptions,
  type FakePleskPlan,
  type FakePleskReseller,
  type FakePleskSubscription,
} from './fake-plesk-server.js';
export {
  FakeDirectAdminServer,
  type FakeDirectAdminOptions,
  type FakeDaLogin,
  type FakeDaUser,
} from './fake-directadmin-server.js';
export { startFakePanels, type FakePanels, type FakePanelsOptions } from './start-fake-panels.js';
