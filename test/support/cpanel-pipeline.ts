import { expect } from 'chai';
import type { FakePanels } from '../../src/panels/fakes/index.js';
import { startPipeline, type PipelineHarness, type PipelineOptions } from './pipeline-harness.js';
import { createPanelServer, seedCatalog, type SeededCatalog } from './seed-catalog.js';

/** A pipeline (workers on every queue but the scheduler) with the sample catalog on the fake WHM (account `bob`). */
export interface CpanelPipeline {
  h: PipelineHarness;
  c: SeededCatalog;
  serverId: number;
  /** Places a client upgrade Starter → Pro and pays its invoice (12.22); resolves to the upgrade id. */
  placeAndPay: (serviceId?: number) => Promise<number>;
}

export async function startCpanelPipeline(
  panels: FakePanels,
  opts: PipelineOptions = {},
  maxConcurrency = 2,
): Promise<CpanelPipeline> {
  const h = await startPipeline({ provisioning: { adapterOptions: {} }, ...opts });
  const serverId = await createPanelServer(h, panels.cpanel, maxConcurrency);
  const c = await seedCatalog(h, {
    username: 'bob',
    module: { serverId, type: 'cpanel', starter: 'starter', pro: 'pro' },
  });
  panels.cpanel.faults.clear();
  panels.cpanel.resetStats();
  panels.cpanel.accounts.set('bob', { ...panels.cpanel.accounts.get('bob')!, plan: 'starter' });
  const placeAndPay = async (serviceId = c.serviceId) => {
    const placed = await h.call('POST', `/v1/services/${serviceId}/upgrades`, { productId: c.proId, actor: 'client' });
    expect(placed.statusCode, placed.body).to.equal(202);
    const { upgradeId } = placed.json<{ upgradeId: number }>();
    const invoiced = await h.waitForStatus(upgradeId, 'invoiced');
    const paid = await h.call('POST', `/v1/invoices/${invoiced.invoiceId}/payments`, {
      amount: '12.22',
      gateway: 'stripe',
      transactionId: `ch_${upgradeId}_${Date.now()}`,
    });
    expect(paid.statusCode, paid.body).to.equal(202);
    return upgradeId;
  };
  return { h, c, serverId, placeAndPay };
}
