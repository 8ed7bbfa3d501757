import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service's selection for one configurable option: a choice (dropdown/radio) or a quantity (yesno/quantity). */
@Entity('service_options')
export class ServiceOption {
  @PrimaryColumn('int', { unsigned: true }) serviceId!: number;
  @PrimaryColumn('int', { unsigned: true }) optionId!: number;
  @Column('int', { unsigned: true, nullable: true }) choiceId!: number | null;
  @Column('int', { nullable: true }) qty!: number | null;
}
