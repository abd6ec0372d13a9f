import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An occupation of 中华人民共和国职业分类大典 (2022), e.g. `4-03-02-01`. Reference data. */
@Entity('occupation')
export class Occupation {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'major_code', type: 'varchar', length: 2 })
  majorCode: string;

  @Index('idx_occupation_middle')
  @Column({ name: 'middle_code', type: 'varchar', length: 5 })
  middleCode: string;

  @Column({ name: 'middle_name', type: 'varchar', length: 120 })
  middleName: string;

  @Column({ name: 'minor_code', type: 'varchar', length: 8 })
  minorCode: string;

  @Column({ name: 'minor_name', type: 'varchar', length: 120 })
  minorName: string;
}
