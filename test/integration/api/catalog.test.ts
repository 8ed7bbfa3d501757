import { expect } from 'chai';
import { loadProductCatalog } from '../../../src/app/catalog/load-product-catalog.js';
import { loadServiceView } from '../../../src/app/catalog/load-service-view.js';
import { CreditLedgerEntry, Invoice, InvoiceLine, PanelServer } from '../../../src/db/entities/index.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';

/** Every field that was sent comes back under the same name with the same value. */
function expectEchoed(sent: Record<string, unknown>, got: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(sent)) expect(got[key], key).to.deep.equal(value);
}

describe('catalog API (MariaDB)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness();
  });
  after(async () => {
    await h.close();
  });

  /** POST, expect 201, then GET the Location and expect the same resource. */
  async function createAndGet(path: string, body: unknown): Promise<Record<string, unknown>> {
    const created = await h.call('POST', path, body);
    expect(created.statusCode, created.body).to.equal(201);
    const view = created.json<Record<string, unknown> & { id: number }>();
    expect(created.headers.location).to.equal(`${path}/${view.id}`);
    const read = await h.call('GET', `${path}/${view.id}`);
    expect(read.statusCode).to.equal(200);
    expect(read.json()).to.deep.equal(view);
    return view;
  }

  async function expectError(
    method: 'POST' | 'GET',
    path: string,
    body: unknown,
    status: number,
    code: string,
    details?: unknown,
  ): Promise<void> {
    const res = await h.call(method, path, body);
    expect(res.statusCode, res.body).to.equal(status);
    expect(res.json().error.code, res.body).to.equal(code);
    if (details !== undefined) expect(res.json().error.details, res.body).to.deep.equal(details);
  }

  let serverId: number;
  let starterId: number;
  let proId: number;
  let diskId: number;
  let backupsId: number;
  let locationId: number;
  let euId: number;
  let usId: number;

  describe('servers', () => {
    const server = {
      name: 'web1',
      type: 'cpanel',
      hostname: 'web1.example.test',
      port: 2087,
      username: 'root',
      tls: { verify: false, caCert: null, fingerprint: 'AB:'.repeat(31) + 'CD' },
      maxConcurrency: 3,
    };

    it('round-trips with the secret stored encrypted and never returned', async () => {
      const view = await createAndGet('/v1/servers', { ...server, secret: 'WHM-TOKEN-s3cr3t' });
      serverId = view.id as number;
      expectEchoed(server, view);
      expect(view.hasSecret).to.equal(true);
      expect(view).not.to.have.property('secret');
      expect(JSON.stringify(view)).not.to.include('s3cr3t');
      const row = await h.db.ds.getRepository(PanelServer).findOneByOrFail({ id: serverId });
      expect(row.secretEncrypted).to.equal('enc:' + Buffer.from('WHM-TOKEN-s3cr3t').toString('base64'));
      const [raw] = await h.db.ds.query<Array<Record<string, unknown>>>('SELECT * FROM panel_servers WHERE id = ?', [
        serverId,
      ]);
      expect(JSON.stringify(raw)).not.to.include('s3cr3t');
    });

    it('defaults the port by panel type, TLS verification on and maxConcurrency 2', async () => {
      const res = await h.call('POST', '/v1/servers', {
        name: 'p1',
        type: 'plesk',
        hostname: '10.0.0.5',
        username: 'admin',
        secret: 'x',
      });
      expect(res.json()).to.deep.include({
        port: 8443,
        maxConcurrency: 2,
        tls: { verify: true, caCert: null, fingerprint: null },
      });
    });

    it('names each bad field', async () => {
      await expectError(
        'POST',
        '/v1/servers',
        { ...server, type: 'webmin', maxConcurrency: 0, secret: 's', hostname: 'https://x' },
        400,
        'invalid_input',
        [
          { field: 'type', message: 'must be one of cpanel, plesk, directadmin' },
          { field: 'hostname', message: 'must be a host name or IP address without scheme, port or path' },
          { field: 'maxConcurrency', message: 'Too small: expected number to be >=1' },
        ],
      );
      await expectError('POST', '/v1/servers', { ...server }, 400, 'invalid_input', [
        { field: 'secret', message: 'is required' },
      ]);
    });
  });

  describe('products', () => {
    const starter = {
      name: 'Starter',
      module: 'cpanel',
      panelPackage: 'starter_pkg',
      pricing: { EUR: { monthly: '9.00' }, USD: { monthly: '10.00', annually: '100.00' } },
      configOptions: [
        {
          name: 'Disk',
          type: 'quantity',
          min: 0,
          max: 100,
          allowDowngrade: true,
          pricing: { USD: { monthly: '4.00' } },
        },
        {
          name: 'Backups',
          type: 'yesno',
          allowDowngrade: false,
          pricing: { USD: { monthly: '3.00', annually: '30.00' } },
        },
        {
          name: 'Location',
          type: 'dropdown',
          allowDowngrade: true,
          choices: [
            { name: 'EU', pricing: { USD: { monthly: '0.00' } } },
            { name: 'US', pricing: { USD: { monthly: '1.50', annually: '15.00' } } },
          ],
        },
      ],
      upgradeTargets: [],
      allowOptionUpgrades: true,
      upgradeEmailTemplate: 'upgrade-completed',
      taxable: true,
    };

    it('round-trips a product with options and choices, with ids added', async () => {
      const view = await createAndGet('/v1/products', { ...starter, serverId });
      starterId = view.id as number;
      const options = view.configOptions as Array<Record<string, unknown> & { choices?: Array<{ id: number }> }>;
      [diskId, backupsId, locationId] = options.map((o) => o.id as number);
      [euId, usId] = options[2].choices!.map((c) => c.id);
      expect(view).to.deep.equal({
        ...starter,
        id: starterId,
        serverId,
        configOptions: [
          { id: diskId, ...starter.configOptions[0] },
          { id: backupsId, ...starter.configOptions[1] },
          {
            id: locationId,
            name: 'Location',
            type: 'dropdown',
            allowDowngrade: true,
            choices: [
              { id: euId, name: 'EU', pricing: { USD: { monthly: '0.00' } } },
              { id: usId, name: 'US', pricing: { USD: { monthly: '1.50', annually: '15.00' } } },
            ],
          },
        ],
      });
    });

    it('links an existing option by id and lists upgrade targets; defaults the rest', async () => {
      const view = await createAndGet('/v1/products', {
        name: 'Pro',
        pricing: { USD: { monthly: '25' } },
        configOptions: [{ id: diskId }],
        upgradeTargets: [starterId],
      });
      proId = view.id as number;
      expect(view).to.deep.equal({
        id: proId,
        name: 'Pro',
        module: null,
        serverId: null,
        panelPackage: null,
        pricing: { USD: { monthly: '25.00' } },
        configOptions: [{ id: diskId, ...starter.configOptions[0] }],
        upgradeTargets: [starterId],
        allowOptionUpgrades: false,
        upgradeEmailTemplate: 'upgrade-completed',
        taxable: true,
      });
    });

    it('loadProductCatalog gives the §3 quote shape in one currency', async () => {
      const catalog = await loadProductCatalog(h.db.ds.manager, starterId, 'USD');
      expect(catalog.product.id).to.equal(starterId);
      expect(catalog.pricing).to.deep.equal({ monthly: '10.00', annually: '100.00' });
      expect(catalog.configOptions).to.deep.equal([
        {
          id: diskId,
          name: 'Disk',
          type: 'quantity',
          min: 0,
          max: 100,
          allowDowngrade: true,
          pricing: { monthly: '4.00' },
        },
        {
          id: backupsId,
          name: 'Backups',
          type: 'yesno',
          allowDowngrade: false,
          pricing: { monthly: '3.00', annually: '30.00' },
        },
        {
          id: locationId,
          name: 'Location',
          type: 'dropdown',
          allowDowngrade: true,
          choices: [
            { id: euId, name: 'EU', pricing: { monthly: '0.00' } },
            { id: usId, name: 'US', pricing: { monthly: '1.50', annually: '15.00' } },
          ],
        },
      ]);
      const eur = await loadProductCatalog(h.db.ds.manager, starterId, 'EUR');
      expect(eur.pricing).to.deep.equal({ monthly: '9.00' });
      expect(eur.configOptions[0].pricing).to.deep.equal({});
    });

    it('too many decimals → 400 naming pricing.USD.monthly (and nested option prices by path)', async () => {
      await expectError(
        'POST',
        '/v1/products',
        { name: 'X', pricing: { USD: { monthly: '10.005' } } },
        400,
        'invalid_input',
        [{ field: 'pricing.USD.monthly', message: 'USD amounts have at most 2 decimals' }],
      );
      await expectError(
        'POST',
        '/v1/products',
        { name: 'X', pricing: { JPY: { monthly: '1000.5' } } },
        400,
        'invalid_input',
        [{ field: 'pricing.JPY.monthly', message: 'JPY amounts have at most 0 decimals' }],
      );
      await expectError(
        'POST',
        '/v1/products',
        {
          name: 'X',
          configOptions: [
            { name: 'L', type: 'radio', choices: [{ name: 'a', pricing: { KWD: { annually: '1.0001' } } }] },
          ],
        },
        400,
        'invalid_input',
        [{ field: 'configOptions[0].choices[0].pricing.KWD.annually', message: 'KWD amounts have at most 3 decimals' }],
      );
    });

    it('names wrong types, missing fields, unknown keys, bad cycles and currencies', async () => {
      await expectError(
        'POST',
        '/v1/products',
        {
          name: 7,
          pricing: { USD: { weekly: '1.00', free: '0' }, XYZ: { monthly: '1' }, EUR: { monthly: 5 } },
          colour: 'red',
        },
        400,
        'invalid_input',
        [
          { field: 'name', message: 'Invalid input: expected string, received number' },
          { field: 'pricing.USD.weekly', message: 'unknown field' },
          { field: 'pricing.USD.free', message: 'unknown field' },
          { field: 'pricing.XYZ', message: 'must be a supported ISO 4217 currency code such as USD' },
          { field: 'pricing.EUR.monthly', message: 'Invalid input: expected string, received number' },
          { field: 'colour', message: 'unknown field' },
        ],
      );
      await expectError('POST', '/v1/products', { pricing: {} }, 400, 'invalid_input', [
        { field: 'name', message: 'is required' },
      ]);
      await expectError(
        'POST',
        '/v1/products',
        {
          name: 'X',
          configOptions: [
            { name: 'Disk', type: 'quantity', min: 5, max: 2, pricing: { USD: { monthly: '1' } }, choices: [] },
          ],
        },
        400,
        'invalid_input',
        [
          { field: 'configOptions[0].choices', message: 'needs at least one choice' },
          { field: 'configOptions[0].choices', message: 'must be left out for a quantity option' },
          { field: 'configOptions[0].max', message: 'must not be less than min' },
        ],
      );
      await expectError(
        'POST',
        '/v1/products',
        {
          name: 'X',
          configOptions: [{ name: 'Disk', type: 'quantity', min: 5, max: 2 }],
        },
        400,
        'invalid_input',
        [
          { field: 'configOptions[0].pricing', message: 'is required for a quantity option (the unit price)' },
          { field: 'configOptions[0].max', message: 'must not be less than min' },
        ],
      );
      await expectError('POST', '/v1/products', { name: 'X', module: 'plesk' }, 400, 'invalid_input', [
        { field: 'panelPackage', message: 'is required when module is set (ChangePackage needs it)' },
      ]);
    });

    it('refuses references that do not exist, and a server of another panel type (422)', async () => {
      await expectError(
        'POST',
        '/v1/products',
        { name: 'X', upgradeTargets: [starterId, 9999] },
        422,
        'unknown_product',
        [{ field: 'upgradeTargets[1]', message: 'product 9999 does not exist' }],
      );
      await expectError('POST', '/v1/products', { name: 'X', configOptions: [{ id: 9999 }] }, 422, 'unknown_option', [
        { field: 'configOptions[0].id', message: 'option 9999 does not exist' },
      ]);
      await expectError('POST', '/v1/products', { name: 'X', serverId: 9999 }, 422, 'unknown_server');
      await expectError(
        'POST',
        '/v1/products',
        { name: 'X', serverId, module: 'plesk', panelPackage: 'p' },
        422,
        'server_type_mismatch',
      );
    });

    it('404 for an unknown product', async () => {
      await expectError('GET', '/v1/products/424242', undefined, 404, 'not_found');
    });
  });

  let clientId: number;

  describe('clients', () => {
    const client = {
      email: 'ada@example.test',
      name: 'Ada Lovelace',
      currency: 'USD',
      taxRates: [
        { name: 'VAT', rate: '20' },
        { name: 'City', rate: '2.5' },
      ],
      taxCompound: true,
      taxInclusive: false,
      taxExempt: false,
    };

    it('round-trips with a credit balance of 0.00', async () => {
      const view = await createAndGet('/v1/clients', client);
      clientId = view.id as number;
      expectEchoed(client, view);
      expect(view.creditBalance).to.equal('0.00');
    });

    it('shows the credit balance as the sum of the ledger in the client currency', async () => {
      await h.db.ds.getRepository(CreditLedgerEntry).insert([
        { clientId, amount: 679n, currency: 'USD', reference: 'downgrade-credit-1', description: 'Downgrade credit' },
        { clientId, amount: 1050n, currency: 'USD', reference: 'overpayment-2', description: 'Overpayment' },
        { clientId, amount: -229n, currency: 'USD', reference: 'applied-3', description: 'Applied to invoice 3' },
      ]);
      const res = await h.call('GET', `/v1/clients/${clientId}`);
      expect(res.json().creditBalance).to.equal('15.00');
    });

    it('formats a zero-decimal currency without a point', async () => {
      const view = await createAndGet('/v1/clients', { email: 'jp@example.test', name: 'Jun', currency: 'JPY' });
      await h.db.ds.getRepository(CreditLedgerEntry).insert({
        clientId: view.id as number,
        amount: 1500n,
        currency: 'JPY',
        reference: 'jp-1',
        description: 'Credit',
      });
      expect((await h.call('GET', `/v1/clients/${view.id as number}`)).json()).to.deep.include({
        creditBalance: '1500',
        taxRates: [],
        taxExempt: false,
      });
    });

    it('names bad tax settings, currency and email', async () => {
      await expectError(
        'POST',
        '/v1/clients',
        { ...client, email: 'nope', currency: 'usd', taxRates: [{ name: 'A', rate: '101' }] },
        400,
        'invalid_input',
        [
          { field: 'email', message: 'must be an email address' },
          { field: 'currency', message: 'must be a supported ISO 4217 currency code such as USD' },
          {
            field: 'taxRates[0].rate',
            message: 'must be a percentage 0-100 as a decimal string such as "20" or "7.5"',
          },
        ],
      );
      const three = [
        { name: 'A', rate: '1' },
        { name: 'B', rate: '1' },
        { name: 'C', rate: '1' },
      ];
      await expectError('POST', '/v1/clients', { ...client, taxRates: three }, 400, 'invalid_input', [
        { field: 'taxRates', message: 'at most 2 tax rates' },
      ]);
      await expectError('POST', '/v1/clients', { ...client, taxInclusive: true }, 400, 'invalid_input', [
        { field: 'taxInclusive', message: 'inclusive tax allows one rate only' },
      ]);
    });
  });

  describe('services', () => {
    const base = () => ({
      clientId,
      productId: starterId,
      domain: 'ada.example.test',
      username: 'ada',
      billingCycle: 'monthly',
      nextDueDate: '2025-03-31',
    });

    it('defaults recurringAmount to the catalog price: product + options at the cycle (10.00 + 5×4.00 + 3.00 + 1.50)', async () => {
      const options = [
        { optionId: diskId, qty: 5 },
        { optionId: backupsId, qty: 1 },
        { optionId: locationId, choiceId: usId },
      ];
      const view = await createAndGet('/v1/services', { ...base(), options });
      expect(view).to.deep.equal({
        id: view.id,
        clientId,
        productId: starterId,
        serverId,
        domain: 'ada.example.test',
        username: 'ada',
        billingCycle: 'monthly',
        nextDueDate: '2025-03-31',
        anchorDay: 31,
        recurringAmount: '34.50',
        currency: 'USD',
        status: 'active',
        options,
        unpaidRenewal: false,
        lifetimePromoCode: null,
      });
      const loaded = await loadServiceView(h.db.ds.manager, view.id as number);
      expect([loaded.id, loaded.recurringAmount, loaded.currency]).to.deep.equal([view.id, 3450n, 'USD']);
      expect(loaded.options).to.deep.equal(options);
    });

    it('prices at the service cycle: annually = 100.00 + 30.00 + 15.00, quantity 0 costs nothing', async () => {
      const res = await h.call('POST', '/v1/services', {
        ...base(),
        billingCycle: 'annually',
        nextDueDate: '2026-01-15',
        options: [
          { optionId: diskId, qty: 0 },
          { optionId: backupsId, qty: 1 },
          { optionId: locationId, choiceId: usId },
        ],
      });
      expect(res.json()).to.deep.include({ recurringAmount: '145.00', anchorDay: 15 });
    });

    it('keeps a given recurring amount, anchor day and server; free/onetime have no due date', async () => {
      const given = await h.call('POST', '/v1/services', {
        ...base(),
        nextDueDate: '2025-02-28',
        anchorDay: 31,
        recurringAmount: '12.5',
        serverId: null,
        status: 'suspended',
      });
      expect(given.json()).to.deep.include({
        recurringAmount: '12.50',
        anchorDay: 31,
        serverId: null,
        status: 'suspended',
      });
      const free = await h.call('POST', '/v1/services', { ...base(), billingCycle: 'free', nextDueDate: null });
      expect(free.json()).to.deep.include({ recurringAmount: '0.00', nextDueDate: null, anchorDay: null });
    });

    it('422 price_unavailable when the catalog has no price at that cycle', async () => {
      await expectError('POST', '/v1/services', { ...base(), billingCycle: 'quarterly' }, 422, 'price_unavailable', [
        {
          field: 'recurringAmount',
          message: `product ${starterId} (Starter) has no USD price for the quarterly cycle`,
        },
      ]);
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), billingCycle: 'annually', options: [{ optionId: diskId, qty: 1 }] },
        422,
        'price_unavailable',
        [{ field: 'options[0].qty', message: `option ${diskId} (Disk) has no USD price for the annually cycle` }],
      );
    });

    it('checks options against the product: unknown_option, invalid_quantity, shape', async () => {
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), productId: proId, options: [{ optionId: backupsId, qty: 1 }] },
        422,
        'unknown_option',
        [{ field: 'options[0].optionId', message: `option ${backupsId} is not an option of this product` }],
      );
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), options: [{ optionId: locationId, choiceId: 9999 }] },
        422,
        'unknown_option',
        [{ field: 'options[0].choiceId', message: `choice 9999 is not a choice of option ${locationId} (Location)` }],
      );
      await expectError(
        'POST',
        '/v1/services',
        {
          ...base(),
          options: [
            { optionId: backupsId, qty: 0 },
            { optionId: diskId, qty: 101 },
          ],
        },
        422,
        'invalid_quantity',
        [{ field: 'options[1].qty', message: `must be between 0 and 100 for option ${diskId} (Disk), got 101` }],
      );
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), options: [{ optionId: backupsId, qty: 2 }] },
        422,
        'invalid_quantity',
      );
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), options: [{ optionId: diskId, choiceId: euId }] },
        400,
        'invalid_input',
        [{ field: 'options[0].qty', message: 'a quantity option (Disk) takes qty, not choiceId' }],
      );
      await expectError(
        'POST',
        '/v1/services',
        { ...base(), options: [{ optionId: diskId, qty: '5' }] },
        400,
        'invalid_input',
        [{ field: 'options[0].qty', message: 'Invalid input: expected number, received string' }],
      );
    });

    it('names missing or contradictory dates and amounts', async () => {
      const { nextDueDate: _omit, ...noDate } = base();
      await expectError('POST', '/v1/services', noDate, 400, 'invalid_input', [
        { field: 'nextDueDate', message: 'is required for the monthly cycle' },
      ]);
      await expectError('POST', '/v1/services', { ...base(), billingCycle: 'onetime' }, 400, 'invalid_input', [
        { field: 'nextDueDate', message: 'must be null for the onetime cycle' },
      ]);
      await expectError('POST', '/v1/services', { ...base(), nextDueDate: '2025-02-30' }, 400, 'invalid_input', [
        { field: 'nextDueDate', message: 'must be a real date as YYYY-MM-DD' },
      ]);
      await expectError('POST', '/v1/services', { ...base(), anchorDay: 1 }, 400, 'invalid_input', [
        { field: 'anchorDay', message: 'billing day 1 does not match nextDueDate 2025-03-31' },
      ]);
      await expectError('POST', '/v1/services', { ...base(), recurringAmount: '12.345' }, 400, 'invalid_input');
      await expectError('POST', '/v1/services', { ...base(), clientId: 9999 }, 422, 'unknown_client', [
        { field: 'clientId', message: 'client 9999 does not exist' },
      ]);
    });
  });

  describe('promotions', () => {
    const promo = {
      code: 'UP10',
      type: 'percent',
      value: '10',
      appliesToUpgrades: true,
      lifetime: false,
      productIds: [] as number[],
      expiresAt: '2025-12-31',
      maxUses: 100,
    };

    it('round-trips a percent and a fixed promotion', async () => {
      const view = await createAndGet('/v1/promotions', { ...promo, productIds: [starterId] });
      expect(view).to.deep.equal({ ...promo, productIds: [starterId], id: view.id, currency: null, uses: 0 });
      const fixed = await createAndGet('/v1/promotions', {
        code: 'FIVE-OFF',
        type: 'fixed',
        value: '5',
        currency: 'EUR',
        lifetime: true,
      });
      expect(fixed).to.deep.include({
        value: '5.00',
        currency: 'EUR',
        lifetime: true,
        appliesToUpgrades: true,
        expiresAt: null,
        maxUses: null,
      });
    });

    it('409 for a code that exists (case-insensitively)', async () => {
      await expectError('POST', '/v1/promotions', { ...promo, value: '15' }, 409, 'promotion_code_taken', [
        { field: 'code', message: 'already exists' },
      ]);
      await expectError('POST', '/v1/promotions', { ...promo, code: 'up10' }, 409, 'promotion_code_taken');
    });

    it('names bad values', async () => {
      await expectError(
        'POST',
        '/v1/promotions',
        { code: 'BIG', type: 'percent', value: '150' },
        400,
        'invalid_input',
        [{ field: 'value', message: 'must be a percentage between 0 and 100 with at most 4 decimals' }],
      );
      await expectError('POST', '/v1/promotions', { code: 'F', type: 'fixed', value: '5' }, 400, 'invalid_input', [
        { field: 'currency', message: 'is required for a fixed promotion' },
      ]);
      await expectError(
        'POST',
        '/v1/promotions',
        { code: 'J', type: 'fixed', value: '5.5', currency: 'JPY' },
        400,
        'invalid_input',
        [{ field: 'value', message: 'JPY amounts have at most 0 decimals' }],
      );
      await expectError(
        'POST',
        '/v1/promotions',
        { code: 'P', type: 'percent', value: '5', productIds: [9999] },
        422,
        'unknown_product',
      );
    });
  });

  describe('invoices', () => {
    it('shows totals and lines as money strings', async () => {
      const inserted = await h.db.ds.getRepository(Invoice).insert({
        clientId,
        serviceId: null,
        upgradeId: 42,
        type: 'upgrade',
        currency: 'USD',
        subtotal: 1018n,
        discount: 102n,
        tax: 183n,
        total: 1099n,
        amountPaid: 0n,
        dueDate: '2025-02-10',
      });
      const invoiceId = Number(inserted.identifiers[0].id);
      await h.db.ds.getRepository(InvoiceLine).insert([
        { invoiceId, kind: 'item', description: 'Starter => Pro (monthly)', amount: 1018n, sortOrder: 0 },
        { invoiceId, kind: 'discount', description: 'Promotion UP10', amount: -102n, sortOrder: 1 },
        { invoiceId, kind: 'tax', description: 'VAT 20%', amount: 183n, sortOrder: 2 },
      ]);
      const res = await h.call('GET', `/v1/invoices/${invoiceId}`);
      expect(res.json()).to.deep.equal({
        id: invoiceId,
        clientId,
        serviceId: null,
        upgradeId: 42,
        type: 'upgrade',
        status: 'unpaid',
        currency: 'USD',
        subtotal: '10.18',
        discount: '1.02',
        tax: '1.83',
        total: '10.99',
        amountPaid: '0.00',
        dueDate: '2025-02-10',
        paidAt: null,
        lines: [
          { kind: 'item', description: 'Starter => Pro (monthly)', amount: '10.18' },
          { kind: 'discount', description: 'Promotion UP10', amount: '-1.02' },
          { kind: 'tax', description: 'VAT 20%', amount: '1.83' },
        ],
      });
      await expectError('GET', '/v1/invoices/999999', undefined, 404, 'not_found');
    });
  });

  it('enqueues no jobs: the catalog only writes rows', () => {
    expect(h.jobs.jobs).to.deep.equal([]);
  });
});
