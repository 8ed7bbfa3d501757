import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema (DESIGN §1-§8 data model). Generated from the entities against an empty MariaDB by
 * TypeORM's schema builder, then read and kept as written; `test/integration/db/migrations.test.ts` proves
 * the entities and this migration agree. Money columns are BIGINT minor units, calendar dates DATE.
 */
export class InitialSchema1764200000000 implements MigrationInterface {
  name = 'InitialSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`clients\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`email\` varchar(255) NOT NULL, \`name\` varchar(255) NOT NULL, \`currency\` char(3) NOT NULL, \`taxRates\` json NOT NULL, \`taxCompound\` tinyint NOT NULL DEFAULT 0, \`taxInclusive\` tinyint NOT NULL DEFAULT 0, \`taxExempt\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`config_option_choices\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`optionId\` int UNSIGNED NOT NULL, \`name\` varchar(255) NOT NULL, \`sortOrder\` int NOT NULL DEFAULT '0', INDEX \`IDX_41db64bb49ffdc6413c94d3998\` (\`optionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`config_options\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`name\` varchar(255) NOT NULL, \`type\` varchar(10) NOT NULL, \`minQty\` int NULL, \`maxQty\` int NULL, \`allowDowngrade\` tinyint NOT NULL DEFAULT 1, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`credit_ledger\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`clientId\` int UNSIGNED NOT NULL, \`amount\` bigint NOT NULL DEFAULT 0, \`currency\` char(3) NOT NULL, \`reference\` varchar(191) NOT NULL, \`description\` varchar(255) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_b8cd9fb2f2bf842d3e683b54b7\` (\`clientId\`), UNIQUE INDEX \`IDX_6840b92ca1eb653908667edf1b\` (\`reference\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`email_log\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`key\` varchar(191) NOT NULL, \`recipient\` varchar(255) NOT NULL, \`template\` varchar(100) NOT NULL, \`upgradeId\` int UNSIGNED NULL, \`status\` varchar(10) NOT NULL, \`messageId\` varchar(255) NULL, \`error\` text NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_af2c00b2eee6edae7067a8b669\` (\`key\`), INDEX \`IDX_56c6528fc8874b7b8e88d99d7e\` (\`upgradeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`idempotency_keys\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`scope\` varchar(120) NOT NULL, \`key\` varchar(128) NOT NULL, \`requestHash\` char(64) NOT NULL, \`responseStatus\` smallint UNSIGNED NULL, \`responseBody\` json NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_15de2f76fa9f27ad8f33098360\` (\`scope\`, \`key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`invoice_lines\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`invoiceId\` int UNSIGNED NOT NULL, \`kind\` varchar(10) NOT NULL, \`description\` varchar(500) NOT NULL, \`amount\` bigint NOT NULL DEFAULT 0, \`sortOrder\` int NOT NULL DEFAULT '0', INDEX \`IDX_9f57f31e620fe759b452feb776\` (\`invoiceId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`invoices\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`clientId\` int UNSIGNED NOT NULL, \`serviceId\` int UNSIGNED NULL, \`upgradeId\` int UNSIGNED NULL, \`type\` varchar(10) NOT NULL, \`status\` varchar(10) NOT NULL DEFAULT 'unpaid', \`currency\` char(3) NOT NULL, \`subtotal\` bigint NOT NULL DEFAULT 0, \`discount\` bigint NOT NULL DEFAULT 0, \`tax\` bigint NOT NULL DEFAULT 0, \`total\` bigint NOT NULL DEFAULT 0, \`amountPaid\` bigint NOT NULL DEFAULT 0, \`dueDate\` date NOT NULL, \`paidAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_d9df936180710f9968da7cf4a5\` (\`clientId\`), UNIQUE INDEX \`IDX_b2ab3b424c0d39ba278a69c20e\` (\`upgradeId\`), INDEX \`IDX_c940c8aa1df857c407f8e86531\` (\`serviceId\`, \`type\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`job_audit\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`who\` varchar(100) NOT NULL, \`action\` varchar(20) NOT NULL, \`queue\` varchar(50) NOT NULL, \`jobId\` varchar(191) NOT NULL, \`detail\` text NULL, \`at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_56a5ca410097b4041d048cea38\` (\`queue\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`open_upgrade_slots\` (\`serviceId\` int UNSIGNED NOT NULL, \`upgradeId\` int UNSIGNED NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_7a95dcf556061860488a797c87\` (\`upgradeId\`), PRIMARY KEY (\`serviceId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`panel_calls\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`serverId\` int UNSIGNED NOT NULL, \`upgradeId\` int UNSIGNED NULL, \`serviceId\` int UNSIGNED NULL, \`action\` varchar(50) NOT NULL, \`request\` text NOT NULL, \`response\` mediumtext NULL, \`httpStatus\` smallint UNSIGNED NULL, \`durationMs\` int UNSIGNED NOT NULL, \`outcome\` varchar(10) NOT NULL, \`error\` text NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_847eabecc9ecaf37cb2d9ea49b\` (\`serverId\`), INDEX \`IDX_f0fc2b14be98ab4ef22fe50e8d\` (\`upgradeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`panel_servers\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`type\` varchar(20) NOT NULL, \`hostname\` varchar(255) NOT NULL, \`port\` int UNSIGNED NOT NULL, \`username\` varchar(100) NOT NULL, \`secretEncrypted\` text NOT NULL, \`tlsVerify\` tinyint NOT NULL DEFAULT 1, \`tlsCaCert\` text NULL, \`tlsFingerprint\` varchar(100) NULL, \`maxConcurrency\` int UNSIGNED NOT NULL DEFAULT '2', \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`payments\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`invoiceId\` int UNSIGNED NOT NULL, \`gateway\` varchar(50) NOT NULL, \`transactionId\` varchar(128) NOT NULL, \`amount\` bigint NOT NULL DEFAULT 0, \`currency\` char(3) NOT NULL, \`paidAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_43d19956aeab008b49e0804c14\` (\`invoiceId\`), UNIQUE INDEX \`IDX_05fca5c64836c661578ca5c32c\` (\`gateway\`, \`transactionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`prices\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`ownerType\` varchar(10) NOT NULL, \`ownerId\` int UNSIGNED NOT NULL, \`currency\` char(3) NOT NULL, \`billingCycle\` varchar(20) NOT NULL, \`amount\` bigint NOT NULL DEFAULT 0, UNIQUE INDEX \`IDX_82d6e8f22e21024c0cf741b2e2\` (\`ownerType\`, \`ownerId\`, \`currency\`, \`billingCycle\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`product_config_options\` (\`productId\` int UNSIGNED NOT NULL, \`optionId\` int UNSIGNED NOT NULL, PRIMARY KEY (\`productId\`, \`optionId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`products\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`name\` varchar(255) NOT NULL, \`module\` varchar(20) NULL, \`serverId\` int UNSIGNED NULL, \`panelPackage\` varchar(255) NULL, \`upgradeTargets\` json NOT NULL, \`allowOptionUpgrades\` tinyint NOT NULL DEFAULT 0, \`upgradeEmailTemplate\` varchar(100) NOT NULL DEFAULT 'upgrade-completed', \`taxable\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`promotion_uses\` (\`promotionId\` int UNSIGNED NOT NULL, \`upgradeId\` int UNSIGNED NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`promotionId\`, \`upgradeId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`promotions\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`code\` varchar(64) NOT NULL, \`type\` varchar(10) NOT NULL, \`percent\` varchar(12) NULL, \`amount\` bigint NULL, \`currency\` char(3) NULL, \`appliesToUpgrades\` tinyint NOT NULL DEFAULT 1, \`lifetime\` tinyint NOT NULL DEFAULT 0, \`productIds\` json NOT NULL, \`expiresAt\` date NULL, \`maxUses\` int UNSIGNED NULL, \`uses\` int UNSIGNED NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_8ab10e580f70c3d2e2e4b31ebf\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`service_options\` (\`serviceId\` int UNSIGNED NOT NULL, \`optionId\` int UNSIGNED NOT NULL, \`choiceId\` int UNSIGNED NULL, \`qty\` int NULL, PRIMARY KEY (\`serviceId\`, \`optionId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`services\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`clientId\` int UNSIGNED NOT NULL, \`productId\` int UNSIGNED NOT NULL, \`serverId\` int UNSIGNED NULL, \`domain\` varchar(255) NOT NULL, \`username\` varchar(64) NOT NULL, \`billingCycle\` varchar(20) NOT NULL, \`nextDueDate\` date NULL, \`anchorDay\` tinyint UNSIGNED NULL, \`recurringAmount\` bigint NOT NULL DEFAULT 0, \`currency\` char(3) NOT NULL, \`status\` varchar(20) NOT NULL DEFAULT 'active', \`lifetimePromotionId\` int UNSIGNED NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_31f2f6cdc217456fc9d0378309\` (\`clientId\`), INDEX \`IDX_9353a1263ebcfc8efe557489a0\` (\`productId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`webhook_deliveries\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`deliveryKey\` varchar(191) NOT NULL, \`upgradeId\` int UNSIGNED NULL, \`url\` varchar(500) NOT NULL, \`event\` varchar(64) NOT NULL, \`payload\` json NOT NULL, \`status\` varchar(10) NOT NULL, \`attempts\` int UNSIGNED NOT NULL DEFAULT '0', \`lastHttpStatus\` smallint UNSIGNED NULL, \`lastError\` text NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_5ff28ed81b4d63fe66c3010b76\` (\`deliveryKey\`), INDEX \`IDX_fd8041fc10ac2942d505115dcf\` (\`upgradeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`upgrade_transitions\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`upgradeId\` int UNSIGNED NOT NULL, \`fromStatus\` varchar(24) NULL, \`toStatus\` varchar(24) NOT NULL, \`actor\` varchar(100) NOT NULL, \`note\` text NULL, \`at\` datetime(3) NOT NULL, INDEX \`IDX_77c1739ced56c2b2ca16449ed5\` (\`upgradeId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`upgrades\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`serviceId\` int UNSIGNED NOT NULL, \`clientId\` int UNSIGNED NOT NULL, \`status\` varchar(24) NOT NULL, \`fromProductId\` int UNSIGNED NOT NULL, \`fromBillingCycle\` varchar(20) NOT NULL, \`actor\` varchar(10) NOT NULL, \`reason\` text NULL, \`asOf\` date NOT NULL, \`request\` json NOT NULL, \`quote\` json NULL, \`invoiceId\` int UNSIGNED NULL, \`promotionId\` int UNSIGNED NULL, \`effectiveDate\` date NULL, \`currency\` char(3) NOT NULL, \`total\` bigint NOT NULL DEFAULT 0, \`provisioningResult\` json NULL, \`statusChangedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updatedAt\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`IDX_536e057c8658e2972db4de9f76\` (\`serviceId\`), INDEX \`IDX_8c24c3380869fbe1395785f7fb\` (\`status\`, \`statusChangedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `upgrades`');
    await q.query('DROP TABLE `upgrade_transitions`');
    await q.query('DROP TABLE `webhook_deliveries`');
    await q.query('DROP TABLE `services`');
    await q.query('DROP TABLE `service_options`');
    await q.query('DROP TABLE `promotions`');
    await q.query('DROP TABLE `promotion_uses`');
    await q.query('DROP TABLE `products`');
    await q.query('DROP TABLE `product_config_options`');
    await q.query('DROP TABLE `prices`');
    await q.query('DROP TABLE `payments`');
    await q.query('DROP TABLE `panel_servers`');
    await q.query('DROP TABLE `panel_calls`');
    await q.query('DROP TABLE `open_upgrade_slots`');
    await q.query('DROP TABLE `job_audit`');
    await q.query('DROP TABLE `invoices`');
    await q.query('DROP TABLE `invoice_lines`');
    await q.query('DROP TABLE `idempotency_keys`');
    await q.query('DROP TABLE `email_log`');
    await q.query('DROP TABLE `credit_ledger`');
    await q.query('DROP TABLE `config_options`');
    await q.query('DROP TABLE `config_option_choices`');
    await q.query('DROP TABLE `clients`');
  }
}
