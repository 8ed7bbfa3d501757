import type { DataSource, EntityManager } from 'typeorm';
import { PanelServer } from '../../db/entities/panel-server.entity.js';
import type { Product } from '../../db/entities/product.entity.js';
import { readRow } from '../../db/row-reader.js';
import { loadProductDefinition, type ProductDefinition } from './product-definition.js';

/**
 * How long a process keeps a catalog row. Upshift never changes a product (its prices, its options) or a panel
 * server once created — the API only creates them — so nothing it does can make an entry stale; the bound is for an
 * operator who edits those rows in SQL: workers see the edit within this time (docs/OPERATIONS.md).
 */
export const CATALOG_CACHE_TTL_MS = 60_000;
/** Entries kept per kind and process; the oldest goes first beyond it. */
const MAX_ENTRIES = 5_000;

interface Entry<V> {
  value: V;
  until: number;
}

/** Rows by id, each kept for {@link CATALOG_CACHE_TTL_MS}. Misses are not kept: a row may be created later. */
class TtlCache<V> {
  private readonly entries = new Map<number, Entry<V>>();

  async get(id: number, load: () => Promise<V | null>): Promise<V | null> {
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    this.entries.delete(id);
    if (value === null) return null;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { value, until: now + CATALOG_CACHE_TTL_MS });
    return value;
  }
}

interface Caches {
  products: TtlCache<ProductDefinition>;
  servers: TtlCache<PanelServer>;
}

// Per data source (per database): test suites open many, and a process may open more than one.
const bySource = new WeakMap<DataSource, Caches>();

function cachesOf(em: EntityManager): Caches {
  let caches = bySource.get(em.connection);
  if (!caches) bySource.set(em.connection, (caches = { products: new TtlCache(), servers: new TtlCache() }));
  return caches;
}

/**
 * A product with its prices and options, from this process's cache or the database (three statements). Every step
 * of an upgrade needs its products: read once a minute instead of up to twelve times per upgrade. The entry is
 * shared: callers must not change it. Throws NotFoundError (404) for an unknown product.
 */
export async function cachedProductDefinition(em: EntityManager, productId: number): Promise<ProductDefinition> {
  return (await cachesOf(em).products.get(productId, () => loadProductDefinition(em, productId)))!;
}

/** The product row alone, through the same cache. */
export async function cachedProduct(em: EntityManager, productId: number): Promise<Product> {
  return (await cachedProductDefinition(em, productId)).product;
}

/** A panel server row (its secret still encrypted), through the cache; null when there is none. Shared: do not change it. */
export async function cachedPanelServer(em: EntityManager, serverId: number): Promise<PanelServer | null> {
  return cachesOf(em).servers.get(serverId, () => readRow(em, PanelServer, { id: serverId }));
}
