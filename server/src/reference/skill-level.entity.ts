import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 职业技能等级: 5 = 五级/初级工 … 1 = 一级/高级技师. Reference data. */
@Entity('skill_level')
export class SkillLevel {
  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 10 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  title: string;

  @Column({ name: 'name_en', type: 'varchar', length: 40 })
  nameEn: string;
}
