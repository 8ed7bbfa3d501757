import { createClient } from '../../app/catalog/clients.js';
import { createProduct } from '../../app/catalog/products.js';
import { createPromotion } from '../../app/catalog/promotions.js';
import { createServer } from '../../app/catalog/servers.js';
import { createService } from '../../app/catalog/services.js';
import { getClient } from '../../app/catalog/clients.js';
import { getInvoice } from '../../app/catalog/invoices.js';
import { getProduct } from '../../app/catalog/products.js';
import { getPromotion } from '../../app/catalog/promotions.js';
import { getServer } from '../../app/catalog/servers.js';
import { getService } from '../../app/catalog/services.js';
import type { ApiRoutePlugin } from '../api-route-plugin.js';
import { createClientBody } from '../schemas/client-body.js';
import { createProductBody } from '../schemas/product-body.js';
import { createPromotionBody } from '../schemas/promotion-body.js';
import { createServerBody } from '../schemas/server-body.js';
import { createServiceBody } from '../schemas/service-body.js';
import { resourceRoutes } from './resource-routes.js';

const staff = ['staff'] as const;

/**
 * The catalog (DESIGN §4): servers, products, clients, services, promotions, and reading invoices. Only staff
 * write the catalog (§4.1); the storefront reads services and invoices, the gateway reads invoices.
 */
export const catalogRoutes: ApiRoutePlugin[] = [
  resourceRoutes('/v1/servers', { body: createServerBody, create: createServer, get: getServer, roles: { create: staff, read: staff } }),
  resourceRoutes('/v1/products', { body: createProductBody, create: createProduct, get: getProduct, roles: { create: staff, read: staff } }),
  resourceRoutes('/v1/clients', { body: createClientBody, create: createClient, get: getClient, roles: { create: staff, read: staff } }),
  resourceRoutes('/v1/services', { body: createServiceBody, create: createService, get: getService, roles: { create: staff, read: ['staff', 'storefront'] } }),
  resourceRoutes('/v1/promotions', { body: createPromotionBody, create: createPromotion, get: getPromotion, roles: { create: staff, read: staff } }),
  resourceRoutes('/v1/invoices', { get: getInvoice, roles: { read: ['staff', 'storefront', 'gateway'] } }),
];
