import { Service, Upgrade } from '../../db/entities/index.js';
import { joinedRead } from '../../db/joined-read.js';

const FROM = 'FROM upgrades upgrade JOIN services service ON service.id = upgrade.serviceId WHERE upgrade.id = ?';

/** An upgrade and its service in one statement, by the upgrade's id (outside a transaction: no lock). */
export const readUpgradeAndService = joinedRead({ upgrade: Upgrade, service: Service }, FROM);

/** {@link readUpgradeAndService} row-locking both, upgrade first (the order every step locks in). */
export const lockUpgradeAndService = joinedRead({ upgrade: Upgrade, service: Service }, FROM, { lock: true });
