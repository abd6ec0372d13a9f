import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A city/county division of Hainan (GB/T 2260 code). Reference data, loaded at boot. */
@Entity('division')
export class Division {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ name: 'name_en', type: 'varchar', length: 60 })
  nameEn: string;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder: number;
}
