import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Division } from './division.entity';
import type { OccupationQueryDto } from './dto/reference.dto';
import { Occupation } from './occupation.entity';
import { SkillLevel } from './skill-level.entity';
import { pageRows, pageWithTotalSql } from '../common/page-sql';

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

  /** One page and the exact total in one statement (issue 17): the classification has 1,639 rows. */
  async searchOccupations(q: OccupationQueryDto): Promise<[Occupation[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.q) {
      const term = q.q.trim().replace(/[%_\\]/g, '\\$&');
      const any = `$${params.push(`%${term}%`)}`;
      where.push(`(o.code LIKE $${params.push(`${term}%`)} OR o.name LIKE ${any} OR o.minor_name LIKE ${any})`);
    }
    if (q.middleCode) where.push(`o.middle_code = $${params.push(q.middleCode)}`);
    const rows = await this.occupations.query<(Occupation & { page_total: number })[]>(
      pageWithTotalSql({
        select: `o.code, o.name, o.major_code AS "majorCode", o.middle_code AS "middleCode", o.middle_name AS "middleName",
          o.minor_code AS "minorCode", o.minor_name AS "minorName"`,
        from: 'FROM occupation o',
        where,
        order: 'o.code',
        outerOrder: 'page.code',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      params,
    );
    return pageRows(rows, 'code');
  }
}
