import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 (DESIGN §4.2): indexes for the list routes' keyset pagination. Each list reads rows newest first and each
 * filter combination must find them in that order in one index, so a page reads `limit + 1` index entries however many
 * rows the table holds (InnoDB appends the primary key to every secondary index, so `(status)` is ordered by id within
 * a status):
 *
 * - services: `(status)` — `clientId` and `productId` already have one;
 * - invoices: `(status)` and `(clientId, status)` — `clientId` already has one;
 * - upgrades, listed by `(createdAt, id)`: `(createdAt)`, `(clientId, createdAt)`, and `(serviceId, createdAt)`, which
 *   replaces the index on `serviceId` alone (every lookup by service uses its first column); `(status, createdAt)`
 *   exists.
 */
export class ListIndexes1764700000000 implements MigrationInterface {
  name = 'ListIndexes1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX `IDX_services_status` ON `services` (`status`)');
    await q.query('CREATE INDEX `IDX_invoices_status` ON `invoices` (`status`)');
    await q.query('CREATE INDEX `IDX_invoices_clientId_status` ON `invoices` (`clientId`, `status`)');
    await q.query('CREATE INDEX `IDX_upgrades_createdAt` ON `upgrades` (`createdAt`)');
    await q.query('CREATE INDEX `IDX_upgrades_clientId_createdAt` ON `upgrades` (`clientId`, `createdAt`)');
    await q.query('CREATE INDEX `IDX_upgrades_serviceId_createdAt` ON `upgrades` (`serviceId`, `createdAt`)');
    await q.query('DROP INDEX `IDX_536e057c8658e2972db4de9f76` ON `upgrades`');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX `IDX_536e057c8658e2972db4de9f76` ON `upgrades` (`serviceId`)');
    await q.query('DROP INDEX `IDX_upgrades_serviceId_createdAt` ON `upgrades`');
    await q.query('DROP INDEX `IDX_upgrades_clientId_createdAt` ON `upgrades`');
    await q.query('DROP INDEX `IDX_upgrades_createdAt` ON `upgrades`');
    await q.query('DROP INDEX `IDX_invoices_clientId_status` ON `invoices`');
    await q.query('DROP INDEX `IDX_invoices_status` ON `invoices`');
    await q.query('DROP INDEX `IDX_services_status` ON `services`');
  }
}
