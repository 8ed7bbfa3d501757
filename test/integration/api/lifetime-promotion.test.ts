import { expect } from 'chai';
import { Service } from '../../../src/db/entities/index.js';
import { seedCatalog, type SeededCatalog } from '../../support/seed-catalog.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

/**
 * A service's lifetime promotion through the API (`lifetimePromoCode` on POST /v1/services and PATCH
 * /v1/services/:id): shown on GET, applied by the quote, refused with 422 naming the field when it cannot be carried.
 * Catalog: Starter 10.00/month → Pro 25.00/month, no VAT, due 2025-03-01, today 2025-02-10 (19 of 28 days left).
 */
describe('lifetime promotion of a service (API, MariaDB)', () => {
  let h: ApiHarness;
  let c: SeededCatalog;
  const promotion = async (body: Record<string, unknown>) => {
    const res = await h.call('POST', '/v1/promotions', body);
    expect(res.statusCode, res.body).to.equal(201);
  };
  const quoteToPro = async (serviceId: number) => {
    const res = await h.call('POST', `/v1/services/${serviceId}/quote`, { productId: c.proId, actor: 'staff' });
    expect(res.statusCode, res.body).to.equal(200);
    return res.json<{ newRecurringAmount: string; credit: string; debit: string; total: string }>();
  };
  const newService = async (extra: Record<string, unknown> = {}) =>
    h.call('POST', '/v1/services', {
      clientId: c.clientId,
      productId: c.starterId,
      domain: 'x.example.test',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-01',
      ...extra,
    });

  before(async () => {
    h = await startApiHarness();
    c = await seedCatalog(h, { vat: false });
    await promotion({ code: 'LIFE20', type: 'percent', value: '20', lifetime: true });
    await promotion({ code: 'LIFE3USD', type: 'fixed', value: '3.00', currency: 'USD', lifetime: true });
    await promotion({ code: 'ONCE10', type: 'percent', value: '10' });
    await promotion({ code: 'OLDLIFE', type: 'percent', value: '50', lifetime: true, expiresAt: '2025-01-31' });
    await promotion({ code: 'EURLIFE', type: 'fixed', value: '2.00', currency: 'EUR', lifetime: true });
    await promotion({ code: 'PROONLY', type: 'percent', value: '5', lifetime: true, productIds: [c.proId] });
  });
  after(async () => {
    await h.close();
  });

  it('POST with lifetimePromoCode: GET shows it, the default recurring amount is the catalog price less it, the quote applies it', async () => {
    const plain = await quoteToPro(c.serviceId);
    expect(plain.newRecurringAmount).to.equal('25.00');

    const created = await newService({ lifetimePromoCode: 'life20' }); // codes match case-insensitively
    expect(created.statusCode, created.body).to.equal(201);
    const service = created.json<{ id: number; recurringAmount: string; lifetimePromoCode: string }>();
    expect(service).to.deep.include({ recurringAmount: '8.00', lifetimePromoCode: 'LIFE20' });
    expect((await h.call('GET', `/v1/services/${service.id}`)).json()).to.deep.equal(service);

    // Pro at 25.00 less 20 % = 20.00; credit 8.00 × 19/28 = 5.43, debit 20.00 × 19/28 = 13.57.
    expect(await quoteToPro(service.id)).to.deep.include({
      newRecurringAmount: '20.00',
      credit: '5.43',
      debit: '13.57',
      total: '8.14',
    });
  });

  it('a fixed lifetime promotion takes its amount off, and a given recurringAmount is kept as sent', async () => {
    const res = await newService({ lifetimePromoCode: 'LIFE3USD', recurringAmount: '9.00' });
    expect(res.json()).to.deep.include({ recurringAmount: '9.00', lifetimePromoCode: 'LIFE3USD' });
    expect((await quoteToPro(res.json<{ id: number }>().id)).newRecurringAmount).to.equal('22.00');
  });

  it('PATCH sets it (recurring amount unchanged unless recalculate), replaces it, and null removes it', async () => {
    const { id } = (await newService()).json<{ id: number }>();
    const set = await h.call('PATCH', `/v1/services/${id}`, { lifetimePromoCode: 'LIFE20' });
    expect(set.statusCode, set.body).to.equal(200);
    expect(set.json()).to.deep.include({ lifetimePromoCode: 'LIFE20', recurringAmount: '10.00' });
    expect((await h.call('GET', `/v1/services/${id}`)).json()).to.deep.include({ lifetimePromoCode: 'LIFE20' });
    expect((await quoteToPro(id)).newRecurringAmount).to.equal('20.00');

    const recalculated = await h.call('PATCH', `/v1/services/${id}`, { recalculate: true });
    expect(recalculated.json()).to.deep.include({ lifetimePromoCode: 'LIFE20', recurringAmount: '8.00' });

    const replaced = await h.call('PATCH', `/v1/services/${id}`, { lifetimePromoCode: 'LIFE3USD', recalculate: true });
    expect(replaced.json()).to.deep.include({ lifetimePromoCode: 'LIFE3USD', recurringAmount: '7.00' });

    const removed = await h.call('PATCH', `/v1/services/${id}`, { lifetimePromoCode: null });
    expect(removed.json()).to.deep.include({ lifetimePromoCode: null });
    expect((await h.db.ds.getRepository(Service).findOneByOrFail({ id })).lifetimePromotionId).to.equal(null);
    expect((await quoteToPro(id)).newRecurringAmount).to.equal('25.00');
  });

  it('refuses a code it cannot carry with 422 promotion_invalid naming lifetimePromoCode, on POST and PATCH', async () => {
    const cases: Array<[string, RegExp]> = [
      ['NOSUCH', /no promotion with code 'NOSUCH'/],
      ['ONCE10', /'ONCE10' is not a lifetime promotion/],
      ['OLDLIFE', /'OLDLIFE' expired on 2025-01-31/],
      ['EURLIFE', /'EURLIFE' is in EUR, the service is billed in USD/],
      ['PROONLY', /'PROONLY' does not apply to product/],
    ];
    for (const [code, message] of cases) {
      for (const res of [
        await newService({ lifetimePromoCode: code }),
        await h.call('PATCH', `/v1/services/${c.serviceId}`, { lifetimePromoCode: code }),
      ]) {
        expect(res.statusCode, `${code}: ${res.body}`).to.equal(422);
        const { error } = res.json<{
          error: { code: string; message: string; details: Array<{ field: string; message: string }> };
        }>();
        expect(error.code).to.equal('promotion_invalid');
        expect(error.details[0].field).to.equal('lifetimePromoCode');
        expect(error.message).to.match(message);
      }
    }
    // A product the promotion covers: PATCH to Pro with PROONLY is fine.
    const moved = await h.call('PATCH', `/v1/services/${c.serviceId}`, {
      productId: c.proId,
      lifetimePromoCode: 'PROONLY',
    });
    expect(moved.statusCode, moved.body).to.equal(200);
    expect(moved.json()).to.deep.include({ productId: c.proId, lifetimePromoCode: 'PROONLY' });
  });

  it('a malformed code is 400 invalid_input naming lifetimePromoCode', async () => {
    for (const res of [
      await newService({ lifetimePromoCode: 'no spaces' }),
      await h.call('PATCH', `/v1/services/${c.serviceId}`, { lifetimePromoCode: 42 }),
    ]) {
      expect(res.statusCode, res.body).to.equal(400);
      const { error } = res.json<{ error: { code: string; details: Array<{ field: string }> } }>();
      expect(error.code).to.equal('invalid_input');
      expect(error.details.map((d) => d.field)).to.deep.equal(['lifetimePromoCode']);
    }
  });
});
