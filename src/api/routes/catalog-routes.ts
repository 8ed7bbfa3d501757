import { createClient, getClient } from '../../app/catalog/clients.js';
import { getInvoice } from '../../app/catalog/invoices.js';
import { listClients } from '../../app/catalog/list-clients.js';
import { listInvoices } from '../../app/catalog/list-invoices.js';
import { listProducts } from '../../app/catalog/list-products.js';
import { listServers } from '../../app/catalog/list-servers.js';
import { listServices } from '../../app/catalog/list-services.js';
import { createProduct, getProduct } from '../../app/catalog/products.js';
import { createPromotion, getPromotion } from '../../app/catalog/promotions.js';
import { createServer, getServer } from '../../app/catalog/servers.js';
import { createService, getService } from '../../app/catalog/services.js';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { defineRoute, registerRoute } from '../route-spec.js';
import { createClientBody } from '../schemas/client-body.js';
import { idParams } from '../schemas/fields.js';
import { listAllQuery, listInvoicesQuery, listServicesQuery, pageOf } from '../schemas/list-query.js';
import { createProductBody } from '../schemas/product-body.js';
import { createPromotionBody } from '../schemas/promotion-body.js';
import {
  clientResource,
  invoiceResource,
  productResource,
  promotionResource,
  serverResource,
  serviceResource,
} from '../schemas/resources.js';
import { createServerBody } from '../schemas/server-body.js';
import { createServiceBody } from '../schemas/service-body.js';

const staff = ['staff'] as const;

/** How every list is paged (appended to each list route's description). */
export const LIST_PAGING =
  "Newest first. `limit` rows per page (default 50, at most 500); pass the answer's `next` as `cursor` for the next " +
  'page, with the same filters (a cursor used with other filters is a 400 on `cursor`). Keyset pagination: rows added meanwhile never shift a page.';

const created = (what: string) => `The ${what}, as \`GET\` its \`Location\` returns it.`;

/**
 * The catalog (DESIGN §4, §4.2): servers, products, clients, services, promotions, and reading invoices. Only staff
 * write the catalog (§4.1); the storefront reads services and invoices, the gateway reads invoices.
 */
export const catalogRoutes: ApiRoutePlugin = (app, ctx) => {
  // Servers
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/servers',
      operationId: 'createServer',
      tag: 'Catalog',
      roles: staff,
      idempotent: true,
      summary: 'Register a control-panel server',
      description:
        '`secret` is write-only: encrypted at rest and never returned (`hasSecret` shows it is set). With `PANEL_ALLOWED_NETWORKS` set, ' +
        'every address the host name resolves to must be inside one of the networks.',
      body: createServerBody,
      status: 201,
      location: true,
      response: serverResource,
      responseDescription: created('server'),
      errors: ['server_not_allowed'],
      handler: async ({ body }) => createServer(ctx, body),
      locationOf: (s) => `/v1/servers/${s.id}`,
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/servers',
      operationId: 'listServers',
      tag: 'Catalog',
      roles: staff,
      summary: 'List servers',
      description: LIST_PAGING,
      query: listAllQuery,
      response: pageOf(serverResource, 'ServerPage'),
      responseDescription: 'A page of servers',
      handler: async ({ query }) => listServers(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/servers/:id',
      operationId: 'getServer',
      tag: 'Catalog',
      roles: staff,
      summary: 'Read a server',
      params: idParams,
      response: serverResource,
      responseDescription: 'The server',
      handler: async ({ params }) => getServer(ctx, params.id),
    }),
  );

  // Products
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/products',
      operationId: 'createProduct',
      tag: 'Catalog',
      roles: staff,
      idempotent: true,
      summary: 'Create a product with its prices and configurable options',
      description:
        'Every `pricing` (product, option, choice) is keyed by currency, then cycle. `configOptions` items are new options or ' +
        '`{ "id": n }` linking an existing one. A product with a `module` needs `panelPackage`, and its `serverId` must be a server of that type.',
      body: createProductBody,
      status: 201,
      location: true,
      response: productResource,
      responseDescription: created('product'),
      errors: ['unknown_email_template', 'unknown_server', 'server_type_mismatch', 'unknown_product', 'unknown_option'],
      handler: async ({ body }) => createProduct(ctx, body),
      locationOf: (p) => `/v1/products/${p.id}`,
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/products',
      operationId: 'listProducts',
      tag: 'Catalog',
      roles: staff,
      summary: 'List products',
      description: LIST_PAGING,
      query: listAllQuery,
      response: pageOf(productResource, 'ProductPage'),
      responseDescription: 'A page of products',
      handler: async ({ query }) => listProducts(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/products/:id',
      operationId: 'getProduct',
      tag: 'Catalog',
      roles: staff,
      summary: 'Read a product',
      params: idParams,
      response: productResource,
      responseDescription: 'The product, with ids on each option and choice',
      handler: async ({ params }) => getProduct(ctx, params.id),
    }),
  );

  // Clients
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/clients',
      operationId: 'createClient',
      tag: 'Catalog',
      roles: staff,
      idempotent: true,
      summary: 'Create a billing client',
      body: createClientBody,
      status: 201,
      location: true,
      response: clientResource,
      responseDescription: created('client'),
      handler: async ({ body }) => createClient(ctx, body),
      locationOf: (c) => `/v1/clients/${c.id}`,
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/clients',
      operationId: 'listClients',
      tag: 'Catalog',
      roles: staff,
      summary: 'List clients',
      description: LIST_PAGING,
      query: listAllQuery,
      response: pageOf(clientResource, 'ClientPage'),
      responseDescription: 'A page of clients, each with its credit balance',
      handler: async ({ query }) => listClients(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/clients/:id',
      operationId: 'getClient',
      tag: 'Catalog',
      roles: staff,
      summary: 'Read a client and its credit balance',
      params: idParams,
      response: clientResource,
      responseDescription: 'The client',
      handler: async ({ params }) => getClient(ctx, params.id),
    }),
  );

  // Services
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/services',
      operationId: 'createService',
      tag: 'Services',
      roles: staff,
      idempotent: true,
      summary: 'Create a service',
      description:
        "In the client's currency. `recurringAmount` defaults to the catalog price at the cycle (less the lifetime promotion). " +
        'The current term is opened as paid at the recurring amount (the credit cap of docs/SECURITY.md).',
      body: createServiceBody,
      status: 201,
      location: true,
      response: serviceResource,
      responseDescription: created('service'),
      errors: [
        'unknown_client',
        'unknown_product',
        'unknown_server',
        'server_type_mismatch',
        'unknown_option',
        'invalid_quantity',
        'price_unavailable',
        'promotion_invalid',
      ],
      handler: async ({ body }) => createService(ctx, body),
      locationOf: (s) => `/v1/services/${s.id}`,
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/services',
      operationId: 'listServices',
      tag: 'Services',
      roles: ['staff', 'storefront'],
      summary: 'List services, by client, product or status',
      description: LIST_PAGING,
      query: listServicesQuery,
      response: pageOf(serviceResource, 'ServicePage'),
      responseDescription: 'A page of services',
      handler: async ({ query: { limit, cursor, ...filters } }) => listServices(ctx, filters, { limit, cursor }),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/services/:id',
      operationId: 'getService',
      tag: 'Services',
      roles: ['staff', 'storefront'],
      summary: 'Read a service',
      params: idParams,
      response: serviceResource,
      responseDescription: 'The service',
      handler: async ({ params }) => getService(ctx, params.id),
    }),
  );

  // Promotions
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/v1/promotions',
      operationId: 'createPromotion',
      tag: 'Catalog',
      roles: staff,
      idempotent: true,
      summary: 'Create a promotion code',
      description:
        'Codes are unique case-insensitively. `lifetime: true` makes a code services can carry (`lifetimePromoCode`).',
      body: createPromotionBody,
      status: 201,
      location: true,
      response: promotionResource,
      responseDescription: created('promotion'),
      errors: ['promotion_code_taken', 'unknown_product'],
      handler: async ({ body }) => createPromotion(ctx, body),
      locationOf: (p) => `/v1/promotions/${p.id}`,
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/promotions/:id',
      operationId: 'getPromotion',
      tag: 'Catalog',
      roles: staff,
      summary: 'Read a promotion',
      params: idParams,
      response: promotionResource,
      responseDescription: 'The promotion and its uses so far',
      handler: async ({ params }) => getPromotion(ctx, params.id),
    }),
  );

  // Invoices
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/invoices',
      operationId: 'listInvoices',
      tag: 'Invoices',
      roles: ['staff', 'storefront', 'gateway'],
      summary: 'List invoices, by status or client',
      description: LIST_PAGING,
      query: listInvoicesQuery,
      response: pageOf(invoiceResource, 'InvoicePage'),
      responseDescription: 'A page of invoices',
      handler: async ({ query: { limit, cursor, ...filters } }) => listInvoices(ctx, filters, { limit, cursor }),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/v1/invoices/:id',
      operationId: 'getInvoice',
      tag: 'Invoices',
      roles: ['staff', 'storefront', 'gateway'],
      summary: 'Read an invoice',
      params: idParams,
      response: invoiceResource,
      responseDescription: 'The invoice with its lines',
      handler: async ({ params }) => getInvoice(ctx, params.id),
    }),
  );
};
