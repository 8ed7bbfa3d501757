import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('config_option_choices')
export class ConfigOptionChoice {
  @PrimaryGeneratedColumn('increment', { type: 'int', unsigned: true }) id!: number;
  @Index() @Column('int', { unsigned: true }) optionId!: number;
  @Column('varchar', { length: 255 }) name!: string;
  @Column('int', { default: 0 }) sortOrder!: number;
}
