import { Entity, PrimaryColumn } from 'typeorm';

/** Links a product to the configurable options it offers. */
@Entity('product_config_options')
export class ProductConfigOption {
  @PrimaryColumn('int', { unsigned: true }) productId!: number;
  @PrimaryColumn('int', { unsigned: true }) optionId!: number;
}
