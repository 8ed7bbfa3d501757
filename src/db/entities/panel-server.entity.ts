import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../columns.js';

export type PanelType = 'cpanel' | 'plesk' | 'directadmin';

@Entity('panel_servers')
export class PanelServer {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Column('varchar', { length: 100 }) name!: string;
  @Column('varchar', { length: 20 }) type!: PanelType;
  @Column('varchar', { length: 255 }) hostname!: string;
  @Column('int', { unsigned: true }) port!: number;
  @Column('varchar', { length: 100 }) username!: string;
  /** The API token or password, AES-256-GCM encrypted (`v1:<keyId>:…`); never returned by the API. */
  @Column('text') secretEncrypted!: string;
  @Column('boolean', { default: true }) tlsVerify!: boolean;
  @Column('text', { nullable: true }) tlsCaCert!: string | null;
  /** SHA-256 fingerprint of the pinned certificate, hex with or without colons. */
  @Column('varchar', { length: 100, nullable: true }) tlsFingerprint!: string | null;
  @Column('int', { unsigned: true, default: 2 }) maxConcurrency!: number;
  @CreatedAtColumn() createdAt!: Date;
}
