import { expect } from 'chai';
import type { LightMyRequestResponse } from 'fastify';
import { fixedClock } from '../../../src/app/clock.js';
import { expireUnpaidOrders } from '../../../src/app/scheduler/sweeps.js';
import { CreditLedgerEntry, Payment, Promotion, Upgrade, WebhookDelivery } from '../../../src/db/entities/index.js';
import { PIPELINE_TOKEN, startPipeline, type PipelineHarness } from '../../support/pipeline-harness.js';
import { create } from '../../support/seed-catalog.js';

const STOREFRONT = 'storefront-token-0123456789';
const GATEWAY = 'gateway-token-0123456789ab';
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Issue #11: each attack that worked through the HTTP API on the old main, tried again the way an attacker with a
 * client-area (storefront) token, a payment gateway or a careless staff tool would. Today is 2025-04-10; services
 * are due 2025-05-01, so 21 of the 30 days of April–May are unused.
 */
describe('trust boundaries and money invariants through the HTTP API (MariaDB, Redis, workers)', () => {
  let h: PipelineHarness;
  let clientId: number;
  let basicId: number;
  let bigId: number;
  let diskId: number;

  const storefront = (method: 'GET' | 'POST', url: string, body?: unknown) => h.call(method, url, body, as(STOREFRONT));
  const gateway = (method: 'GET' | 'POST', url: string, body?: unknown) => h.call(method, url, body, as(GATEWAY));
  const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json<T>();
  const errorCode = (res: LightMyRequestResponse) => json<{ error: { code: string } }>(res).error.code;
  const newService = async (productId: number, recurringAmount: string) =>
    (
      await create(h, '/v1/services', {
        clientId,
        productId,
        domain: `s${Date.now()}.example.test`,
        billingCycle: 'monthly',
        nextDueDate: '2025-05-01',
        recurringAmount,
      })
    ).id;
  const balance = async () => {
    const rows = await h.db.ds.getRepository(CreditLedgerEntry).findBy({ clientId });
    return rows.reduce((sum, r) => sum + r.amount, 0n);
  };
  const placeAsClient = async (serviceId: number, body: Record<string, unknown>) => {
    const res = await storefront('POST', `/v1/services/${serviceId}/upgrades`, { actor: 'client', ...body });
    expect(res.statusCode, res.body).to.equal(202);
    return json<{ upgradeId: number }>(res).upgradeId;
  };
  const payInFull = async (upgradeId: number, transactionId: string) => {
    const invoiced = await h.waitForStatus(upgradeId, 'invoiced');
    const invoice = json<{ total: string }>(await gateway('GET', `/v1/invoices/${invoiced.invoiceId}`));
    const paid = await gateway('POST', `/v1/invoices/${invoiced.invoiceId}/payments`, {
      amount: invoice.total,
      currency: 'USD',
      gateway: 'stripe',
      transactionId,
    });
    expect(paid.statusCode, paid.body).to.equal(202);
    return invoice.total;
  };

  before(async () => {
    h = await startPipeline({
      today: '2025-04-10',
      queues: ['upgrade-orders', 'invoice-paid', 'email'],
      config: {
        apiTokens: [PIPELINE_TOKEN, `storefront:${STOREFRONT}`, `gateway:${GATEWAY}`],
        webhookUrls: ['http://127.0.0.1:9/never-delivered'],
        webhookSecret: 'whsec_trust_0123456789',
        panelAllowedNetworks: ['10.0.0.0/8', '2001:db8::/32'],
      },
    });
    clientId = (
      await create(h, '/v1/clients', { email: 'mallory@example.test', name: 'Mallory', currency: 'USD', taxRates: [] })
    ).id;
    const basic = await create<{ id: number; configOptions: Array<{ id: number }> }>(h, '/v1/products', {
      name: 'Basic',
      pricing: { USD: { monthly: '10.00' } },
      allowOptionUpgrades: true,
      configOptions: [{ name: 'Disk', type: 'quantity', min: 0, max: 100, pricing: { USD: { monthly: '1.00' } } }],
    });
    basicId = basic.id;
    diskId = basic.configOptions[0].id;
    bigId = (
      await create(h, '/v1/products', {
        name: 'Big',
        pricing: { USD: { monthly: '100.00' } },
        upgradeTargets: [basicId],
      })
    ).id;
    for (const [code, value, expiresAt, maxUses] of [
      ['UP25', '25', null, null],
      ['FREE100', '100', null, null],
      ['OLD', '10', '2025-04-08', null],
      ['ONCE', '10', null, 1],
    ] as const) {
      await create(h, '/v1/promotions', { code, type: 'percent', value, appliesToUpgrades: true, expiresAt, maxUses });
    }
  });
  after(async () => {
    await h.close();
  });

  describe("the billing date is the server's (422 as_of_out_of_range)", () => {
    it('free upgrade: a client order priced at the next due date is refused, and nothing is stored', async () => {
      const serviceId = await newService(basicId, '10.00');
      const res = await storefront('POST', `/v1/services/${serviceId}/upgrades`, {
        options: [{ optionId: diskId, qty: 50 }],
        asOf: '2025-05-01',
        actor: 'client',
      });
      expect(res.statusCode, res.body).to.equal(422);
      expect(json(res)).to.deep.equal({
        error: {
          code: 'as_of_out_of_range',
          message:
            'asOf 2025-05-01 is out of range: the storefront role may price from 2025-04-09 to 2025-04-10 (the billing date is today in UTC)',
          details: [{ field: 'asOf', message: 'must be from 2025-04-09 to 2025-04-10' }],
        },
      });
      expect(await h.db.ds.getRepository(Upgrade).countBy({ serviceId })).to.equal(0);
    });

    it('minted credit: a downgrade priced in 2000 is refused for the storefront and for staff; today it credits the honest 63.00', async () => {
      const serviceId = await newService(bigId, '100.00');
      const body = { productId: basicId, asOf: '2000-01-01', actor: 'client' };
      expect(errorCode(await storefront('POST', `/v1/services/${serviceId}/upgrades`, body))).to.equal(
        'as_of_out_of_range',
      );
      const staffRes = await h.call('POST', `/v1/services/${serviceId}/quote`, body);
      expect(staffRes.statusCode).to.equal(422);
      expect(json<{ error: { message: string } }>(staffRes).error.message).to.include(
        'may price from 2025-03-10 to 2025-04-10',
      );
      expect(
        errorCode(
          await storefront('POST', `/v1/services/${serviceId}/quote`, { productId: basicId, asOf: '2025-04-11' }),
        ),
      ).to.equal('as_of_out_of_range');

      const quote = json(await storefront('POST', `/v1/services/${serviceId}/quote`, { productId: basicId }));
      expect(quote).to.deep.include({
        days: 21,
        totalDays: 30,
        credit: '70.00',
        debit: '7.00',
        creditToAccount: '63.00',
        creditToAccountCapped: '63.00',
      });
      const before = await balance();
      const upgradeId = await placeAsClient(serviceId, { productId: basicId });
      await h.waitForStatus(upgradeId, 'completed');
      expect((await balance()) - before).to.equal(6300n);
      expect(json(await storefront('GET', `/v1/upgrades/${upgradeId}`))).to.deep.include({ accountCredit: '63.00' });
    });

    it('a storefront may send yesterday (a quote shown at 23:59, ordered at 00:01); staff may go back a month', async () => {
      const serviceId = await newService(basicId, '10.00');
      const yesterday = json(
        await storefront('POST', `/v1/services/${serviceId}/quote`, {
          options: [{ optionId: diskId, qty: 10 }],
          asOf: '2025-04-09',
        }),
      );
      expect(yesterday).to.deep.include({ days: 22, debit: '7.33' });
      const staffQuote = (asOf: string) =>
        h.call('POST', `/v1/services/${serviceId}/quote`, {
          options: [{ optionId: diskId, qty: 10 }],
          asOf,
          actor: 'staff',
        });
      expect((await staffQuote('2025-03-10')).statusCode).to.equal(200);
      expect(errorCode(await staffQuote('2025-03-09'))).to.equal('as_of_out_of_range');
      expect(
        errorCode(
          await storefront('POST', `/v1/services/${serviceId}/quote`, {
            options: [{ optionId: diskId, qty: 10 }],
            asOf: '2025-04-08',
          }),
        ),
      ).to.equal('as_of_out_of_range');
    });

    it('expired promotion: judged by the real clock, not by an asOf before its expiry', async () => {
      const serviceId = await newService(basicId, '10.00');
      const body = { options: [{ optionId: diskId, qty: 10 }], promoCode: 'OLD', asOf: '2025-04-07', actor: 'staff' };
      const staffOrder = await h.call('POST', `/v1/services/${serviceId}/upgrades`, body);
      expect(staffOrder.statusCode, staffOrder.body).to.equal(422);
      expect(json(staffOrder)).to.deep.include({
        error: {
          code: 'promotion_invalid',
          message: "promoCode: promotion 'OLD' expired on 2025-04-08",
          details: [{ field: 'promoCode', message: "promotion 'OLD' expired on 2025-04-08" }],
        },
      });
      expect(
        errorCode(await storefront('POST', `/v1/services/${serviceId}/upgrades`, { ...body, actor: 'client' })),
      ).to.equal('as_of_out_of_range');
    });

    it('the order time limit runs from when the order was placed, not from its asOf', async () => {
      const serviceId = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 5 }], asOf: '2025-04-09' });
      await h.waitForStatus(upgradeId, 'invoiced');
      const withTtl = (now: string) => ({
        ...h.ctx,
        clock: fixedClock(now.slice(0, 10), new Date(now)),
        config: { ...h.ctx.config, policy: { ...h.ctx.config.policy, upgradeOrderTtlDays: 1 } },
      });
      expect(await expireUnpaidOrders(withTtl('2025-04-11T11:00:00Z'))).not.to.include(upgradeId);
      expect(await expireUnpaidOrders(withTtl('2025-04-11T12:00:01Z'))).to.include(upgradeId);
    });

    it('a payment dated in the future is refused', async () => {
      const serviceId = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 3 }] });
      const { invoiceId } = await h.waitForStatus(upgradeId, 'invoiced');
      const res = await gateway('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: '2.10',
        gateway: 'stripe',
        transactionId: 'ch_future',
        paidAt: '2025-04-11T12:00:00Z',
      });
      expect(res.statusCode).to.equal(422);
      expect(json(res)).to.deep.include({
        error: {
          code: 'paid_at_in_future',
          message: 'paidAt: 2025-04-11T12:00:00Z is in the future; send the time the gateway took the money',
          details: [{ field: 'paidAt', message: 'must not be in the future' }],
        },
      });
      expect(await h.db.ds.getRepository(Payment).countBy({ invoiceId: invoiceId! })).to.equal(0);
    });
  });

  describe('a credit is never larger than what was paid for', () => {
    it('promotion + downgrade loop: two rounds pay 105.00 and credit 115.00 at most (the 10.00 billed + 105.00), not 140.00', async () => {
      const serviceId = await newService(basicId, '10.00');
      const before = await balance();
      let paid = 0n;
      for (const round of [1, 2]) {
        const preview = json(
          await storefront('POST', `/v1/services/${serviceId}/quote`, {
            options: [{ optionId: diskId, qty: 100 }],
            promoCode: 'UP25',
          }),
        );
        expect(preview).to.deep.include({ debit: '70.00', discount: '17.50', total: '52.50' });
        const up = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 100 }], promoCode: 'UP25' });
        paid += BigInt((await payInFull(up, `ch_loop_${serviceId}_${round}`)).replace('.', ''));
        await h.waitForStatus(up, 'completed');
        const downQuote = json(
          await storefront('POST', `/v1/services/${serviceId}/quote`, { options: [{ optionId: diskId, qty: 0 }] }),
        );
        expect(downQuote).to.deep.include({
          creditToAccount: '70.00',
          creditToAccountCapped: round === 1 ? '62.50' : '52.50',
        });
        const down = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 0 }] });
        await h.waitForStatus(down, 'completed');
        expect(json(await storefront('GET', `/v1/upgrades/${down}`))).to.deep.include({
          accountCredit: round === 1 ? '62.50' : '52.50',
        });
      }
      expect(paid).to.equal(10500n);
      const credited = (await balance()) - before;
      expect(credited).to.equal(11500n);
      expect(credited <= 1000n + paid).to.equal(true);
    });

    it('with a 100 % code no money changes hands, and the downgrade credits no more than the 10.00 billed', async () => {
      const serviceId = await newService(basicId, '10.00');
      const before = await balance();
      const up = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 100 }], promoCode: 'FREE100' });
      await h.waitForStatus(up, 'completed');
      expect((await h.db.ds.getRepository(Upgrade).findOneByOrFail({ id: up })).invoiceId).to.equal(null);
      const down = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 0 }] });
      await h.waitForStatus(down, 'completed');
      expect((await balance()) - before).to.equal(1000n);
    });
  });

  describe('roles (403 forbidden)', () => {
    it('a storefront token cannot create servers, products, promotions or services, record payments, or change services', async () => {
      for (const [method, url] of [
        ['POST', '/v1/servers'],
        ['POST', '/v1/products'],
        ['POST', '/v1/promotions'],
        ['POST', '/v1/services'],
        ['POST', '/v1/clients'],
        ['GET', '/v1/clients/1'],
        ['POST', '/v1/invoices/1/payments'],
      ] as const) {
        const res = await storefront(method, url, { anything: true });
        expect(res.statusCode, `${method} ${url}`).to.equal(403);
        expect(errorCode(res)).to.equal('forbidden');
      }
      expect((await h.call('PATCH', '/v1/services/1', { status: 'active' }, as(STOREFRONT))).statusCode).to.equal(403);
    });

    it("a storefront token cannot act as staff: not for a product outside the upgrade list, not for a staff order's cancel", async () => {
      const serviceId = await newService(basicId, '10.00');
      const res = await storefront('POST', `/v1/services/${serviceId}/upgrades`, { productId: bigId, actor: 'staff' });
      expect(res.statusCode).to.equal(403);
      expect(json(res)).to.deep.equal({
        error: {
          code: 'forbidden',
          message: 'actor: the storefront role may only act for the client (actor "client")',
        },
      });
      expect(
        (await storefront('POST', `/v1/services/${serviceId}/quote`, { productId: bigId, actor: 'staff' })).statusCode,
      ).to.equal(403);
      expect((await storefront('GET', `/v1/services/${serviceId}/upgrade-options?actor=staff`)).statusCode).to.equal(
        403,
      );
      const staffOrder = await h.call('POST', `/v1/services/${serviceId}/upgrades`, {
        productId: bigId,
        actor: 'staff',
      });
      const upgradeId = json<{ upgradeId: number }>(staffOrder).upgradeId;
      await h.waitForStatus(upgradeId, 'invoiced');
      const cancel = await storefront('POST', `/v1/upgrades/${upgradeId}/cancel`, {});
      expect(cancel.statusCode).to.equal(403);
      expect((await h.db.ds.getRepository(Upgrade).findOneByOrFail({ id: upgradeId })).status).to.equal('invoiced');
      expect((await h.call('POST', `/v1/upgrades/${upgradeId}/cancel`, {})).statusCode).to.equal(200);
    });

    it('a gateway token records payments and reads invoices, and nothing else', async () => {
      expect((await gateway('POST', '/v1/services/1/quote', {})).statusCode).to.equal(403);
      expect((await gateway('POST', '/v1/services/1/upgrades', { actor: 'client' })).statusCode).to.equal(403);
      expect((await gateway('GET', '/v1/upgrades/1')).statusCode).to.equal(403);
      expect((await gateway('GET', '/v1/services/1')).statusCode).to.equal(403);
    });

    it('refuses before reading the body: a malformed body to a forbidden route is 403, not 400', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/servers',
        headers: { ...as(STOREFRONT), 'content-type': 'application/json' },
        payload: '{"broken',
      });
      expect(res.statusCode).to.equal(403);
    });

    it('staff may only add panel servers inside PANEL_ALLOWED_NETWORKS', async () => {
      const server = (hostname: string) => ({
        name: `p-${hostname}`,
        type: 'cpanel',
        hostname,
        username: 'root',
        secret: 'whm-token-123456',
      });
      for (const hostname of ['127.0.0.1', '169.254.169.254', '192.168.1.10', '::1', 'localhost']) {
        const res = await h.call('POST', '/v1/servers', server(hostname));
        expect(res.statusCode, hostname).to.equal(422);
        expect(json<{ error: { code: string; details: Array<{ field: string }> } }>(res).error)
          .to.deep.include({ code: 'server_not_allowed' })
          .and.nested.include({ 'details[0].field': 'hostname' });
      }
      expect((await h.call('POST', '/v1/servers', server('10.20.30.40'))).statusCode).to.equal(201);
      expect((await h.call('POST', '/v1/servers', server('2001:db8::7'))).statusCode).to.equal(201);
    });
  });

  describe('no received money is dropped', () => {
    it('a payment for a cancelled order is recorded and credited to the account, with payment.credited', async () => {
      const serviceId = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 30 }] });
      const { invoiceId } = await h.waitForStatus(upgradeId, 'invoiced');
      expect(
        (await storefront('POST', `/v1/upgrades/${upgradeId}/cancel`, { reason: 'changed my mind' })).statusCode,
      ).to.equal(200);
      const before = await balance();
      const res = await gateway('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: '21.00',
        currency: 'USD',
        gateway: 'stripe',
        transactionId: 'ch_after_cancel',
      });
      expect(res.statusCode, res.body).to.equal(202);
      expect(json(res)).to.deep.include({
        duplicate: false,
        outcome: 'credited_to_account',
        invoiceStatus: 'cancelled',
        amountPaid: '0.00',
        credited: '21.00',
        currency: 'USD',
      });
      expect((await balance()) - before).to.equal(2100n);
      expect(
        await h.db.ds.getRepository(Payment).countBy({ invoiceId: invoiceId!, transactionId: 'ch_after_cancel' }),
      ).to.equal(1);
      const events = await h.db.ds.getRepository(WebhookDelivery).findBy({ event: 'payment.credited' });
      expect(events.map((e) => e.payload)).to.deep.include({
        paymentId: json<{ paymentId: number }>(res).paymentId,
        invoiceId,
        clientId,
        upgradeId,
        amount: '21.00',
        currency: 'USD',
        reason: 'invoice_cancelled',
      });
      // The same gateway callback again changes nothing.
      const again = await gateway('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: '21.00',
        currency: 'USD',
        gateway: 'stripe',
        transactionId: 'ch_after_cancel',
      });
      expect(json(again)).to.deep.include({ duplicate: true, credited: '0.00' });
      expect((await balance()) - before).to.equal(2100n);
    });

    it('a payment after the order expired is credited too', async () => {
      const serviceId = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 30 }] });
      const { invoiceId } = await h.waitForStatus(upgradeId, 'invoiced');
      expect(await expireUnpaidOrders({ ...h.ctx, clock: fixedClock('2025-05-01') })).to.include(upgradeId);
      const res = await gateway('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: '21.00',
        gateway: 'paypal',
        transactionId: 'pp_after_expiry',
      });
      expect(json(res)).to.deep.include({ outcome: 'credited_to_account', credited: '21.00' });
    });

    it("a payment in another currency than the invoice's is 422 and records nothing", async () => {
      const serviceId = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(serviceId, { options: [{ optionId: diskId, qty: 30 }] });
      const { invoiceId } = await h.waitForStatus(upgradeId, 'invoiced');
      const res = await gateway('POST', `/v1/invoices/${invoiceId}/payments`, {
        amount: '21.00',
        currency: 'EUR',
        gateway: 'stripe',
        transactionId: 'ch_eur',
      });
      expect(res.statusCode).to.equal(422);
      expect(json(res)).to.deep.include({
        error: {
          code: 'currency_mismatch',
          message: `currency: invoice ${invoiceId} is in USD, the payment is in EUR`,
          details: [{ field: 'currency', message: "must be USD, the invoice's currency" }],
        },
      });
      expect(await h.db.ds.getRepository(Payment).countBy({ transactionId: 'ch_eur' })).to.equal(0);
    });
  });

  describe('the rest', () => {
    it('a cancelled order gives its promotion use back, so a one-use code is not used up by an unpaid order', async () => {
      const first = await newService(basicId, '10.00');
      const upgradeId = await placeAsClient(first, { options: [{ optionId: diskId, qty: 5 }], promoCode: 'ONCE' });
      await h.waitForStatus(upgradeId, 'invoiced');
      expect((await h.db.ds.getRepository(Promotion).findOneByOrFail({ code: 'ONCE' })).uses).to.equal(1);
      await storefront('POST', `/v1/upgrades/${upgradeId}/cancel`, {});
      expect((await h.db.ds.getRepository(Promotion).findOneByOrFail({ code: 'ONCE' })).uses).to.equal(0);
      const second = await newService(basicId, '10.00');
      const again = await placeAsClient(second, { options: [{ optionId: diskId, qty: 5 }], promoCode: 'ONCE' });
      expect((await h.waitForStatus(again, 'invoiced')).promotionId).to.not.equal(null);
    });

    it("a product's upgrade email template must exist and render with the completion email's variables", async () => {
      const res = await h.call('POST', '/v1/products', {
        name: 'Typo',
        pricing: { USD: { monthly: '1.00' } },
        upgradeEmailTemplate: 'upgrade-complted',
      });
      expect(res.statusCode).to.equal(422);
      expect(json<{ error: { code: string; details: Array<{ field: string }> } }>(res).error)
        .to.deep.include({ code: 'unknown_email_template' })
        .and.nested.include({ 'details[0].field': 'upgradeEmailTemplate' });
      const wrongKind = await h.call('POST', '/v1/products', {
        name: 'Wrong',
        pricing: { USD: { monthly: '1.00' } },
        upgradeEmailTemplate: 'provisioning-failed',
      });
      expect(wrongKind.statusCode).to.equal(422);
    });
  });
});
