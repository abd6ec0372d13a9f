import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Division } from './division.entity';
import type { OccupationQueryDto } from './dto/reference.dto';
import { Occupation } from './occupation.entity';
import { SkillLevel } from './skill-level.entity';

@Injectable()
export class ReferenceRepository {
  constructor(
    @InjectRepository(Division) private readonly divisions: Repository<Division>,
    @InjectRepository(Occupation) private readonly occupations: Repository<Occupation>,
    @InjectRepository(SkillLevel) private readonly levels: Repository<SkillLevel>,
  ) {}

  allDivisions(): Promise<Division[]> {
    return this.divisions.find({ order: { sortOrder: 'ASC' } });
  }

  divisionExists(code: string): Promise<boolean> {
    return this.divisions.existsBy({ code });
  }

  allSkillLevels(): Promise<SkillLevel[]> {
    return this.levels.find({ order: { level: 'DESC' } });
  }

  /** The middle categories of the classification, used as the list of industries. */
  industries(): Promise<{ code: string; name: string }[]> {
    return this.occupations.query(
      `SELECT DISTINCT middle_code AS code, middle_name AS name FROM occupation WHERE major_code IN ('2','3','4','5','6') ORDER BY middle_code`,
    );
  }

  /** Every occupation's code and name (1,639 rows), for reading skills typed in a spreadsheet. */
  occupationIndex(): Promise<{ code: string; name: string }[]> {
    return this.occupations.query(`SELECT code, name FROM occupation`);
  }

  /** Names of these occupations, by code. */
  async occupationNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.occupations.query<{ code: string; name: string }[]>(
      `SELECT code, name FROM occupation WHERE code = ANY($1::varchar[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** Which of these occupation codes exist. */
  async existingOccupations(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.occupations.query<{ code: string }[]>(`SELECT code FROM occupation WHERE code = ANY($1::varchar[])`, [codes]);
    return new Set(rows.map((r) => r.code));
  }

  findOccupation(code: string): Promise<Occupation | null> {
    return this.occupations.findOneBy({ code });
  }

  searchOccupations(q: OccupationQueryDto): Promise<[Occupation[], number]> {
    const qb = this.occupations.createQueryBuilder('o');
    if (q.q) {
      const term = q.q.trim().replace(/[%_\\]/g, '\\$&');
      qb.andWhere('(o.code LIKE :prefix OR o.name LIKE :any OR o.minor_name LIKE :any)', { prefix: `${term}%`, any: `%${term}%` });
    }
    if (q.middleCode) qb.andWhere('o.middle_code = :m', { m: q.middleCode });
    return (
      qb
        .orderBy('o.code', 'ASC')
        // offset/limit, not skip/take: the joins are many-to-one, so TypeORM's two-query pagination buys nothing.
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .getManyAndCount()
    );
  }
}
