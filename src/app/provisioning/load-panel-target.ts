import type { EntityManager } from 'typeorm';
import { Service } from '../../db/entities/index.js';
import { readRow } from '../../db/row-reader.js';
import { cachedPanelServer, cachedProduct } from '../catalog/catalog-cache.js';
import type { PanelServerConfig } from '../../panels/index.js';
import type { SecretCipher } from '../app-context.js';

/** Where and what ChangePackage must do for a service: its server (secret decrypted in memory), user and package. */
export interface PanelTarget {
  server: PanelServerConfig;
  serverName: string;
  username: string;
  panelPackage: string;
}

/**
 * The panel side of a service on its current product, or null when the product has no panel module (such
 * upgrades skip `provisioned` and go straight to the email). `service` is the row, or its id to read it.
 */
export async function loadPanelTarget(
  em: EntityManager,
  secrets: SecretCipher,
  service: number | Service,
): Promise<PanelTarget | null> {
  if (typeof service === 'number') {
    const id = service;
    const row = await readRow(em, Service, { id });
    if (!row) throw new Error(`no services row with id ${id}`);
    service = row;
  }
  const product = await cachedProduct(em, service.productId);
  const serverId = service.serverId ?? product.serverId;
  if (!product.module || !product.panelPackage || serverId === null) return null;
  const row = await cachedPanelServer(em, serverId);
  if (!row) return null;
  return {
    serverName: row.name,
    // Plesk addresses a subscription by its main domain; WHM and DirectAdmin by the account user name.
    username: row.type === 'plesk' ? service.domain : service.username,
    panelPackage: product.panelPackage,
    server: {
      id: row.id,
      type: row.type,
      hostname: row.hostname,
      port: row.port,
      username: row.username,
      secret: secrets.decrypt(row.secretEncrypted),
      maxConcurrency: row.maxConcurrency,
      tls: { verify: row.tlsVerify, caCert: row.tlsCaCert, fingerprint: row.tlsFingerprint },
    },
  };
}
