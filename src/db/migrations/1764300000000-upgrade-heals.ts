import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `upgrade_heals`: one row per re-drive of a stuck upgrade by the healing sweep (see the entity). The unique
 * `(upgradeId, round)` key is the heal counter's claim: two sweeps racing insert one row, not two.
 */
export class UpgradeHeals1764300000000 implements MigrationInterface {
  name = 'UpgradeHeals1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`upgrade_heals\` (\`id\` int UNSIGNED NOT NULL AUTO_INCREMENT, \`upgradeId\` int UNSIGNED NOT NULL, \`round\` int UNSIGNED NOT NULL, \`state\` varchar(24) NOT NULL, \`queue\` varchar(50) NOT NULL, \`jobId\` varchar(191) NOT NULL, \`jobState\` varchar(20) NOT NULL, \`healJobId\` varchar(191) NOT NULL, \`stuckSince\` datetime(3) NOT NULL, \`at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`UQ_upgrade_heals_upgrade_round\` (\`upgradeId\`, \`round\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `upgrade_heals`');
  }
}
