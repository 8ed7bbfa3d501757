import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #11, the money invariants: `service_terms` (what each billing term was paid and credited, so a credit never
 * exceeds what was paid for), `services.unpaidRenewal` (front-ends report a renewal invoice), and
 * `upgrades.accountCredit` (the capped credit a change put on the account). Existing services open their current
 * term with their recurring amount as billed, and `upgrades (status, createdAt)` serves the order-age expiry.
 */
export class MoneyInvariants1764400000000 implements MigrationInterface {
  name = 'MoneyInvariants1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`service_terms\` (\`serviceId\` int UNSIGNED NOT NULL, \`termEnd\` date NOT NULL, \`currency\` char(3) NOT NULL, \`paidFor\` bigint NOT NULL DEFAULT 0, \`credited\` bigint NOT NULL DEFAULT 0, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), PRIMARY KEY (\`serviceId\`, \`termEnd\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `INSERT INTO \`service_terms\` (\`serviceId\`, \`termEnd\`, \`currency\`, \`paidFor\`, \`credited\`) SELECT \`id\`, COALESCE(\`nextDueDate\`, '9999-12-31'), \`currency\`, \`recurringAmount\`, 0 FROM \`services\``,
    );
    await q.query(`ALTER TABLE \`services\` ADD \`unpaidRenewal\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`upgrades\` ADD \`accountCredit\` bigint NULL DEFAULT NULL`);
    await q.query(`CREATE INDEX \`IDX_upgrades_status_createdAt\` ON \`upgrades\` (\`status\`, \`createdAt\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_upgrades_status_createdAt\` ON \`upgrades\``);
    await q.query(`ALTER TABLE \`upgrades\` DROP COLUMN \`accountCredit\``);
    await q.query(`ALTER TABLE \`services\` DROP COLUMN \`unpaidRenewal\``);
    await q.query(`DROP TABLE \`service_terms\``);
  }
}
