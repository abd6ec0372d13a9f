import { Injectable } from '@nestjs/common';
import { type Page, pageOf } from '../common/dto/page.dto';
import { notFound } from '../common/domain-error';
import { badRequest } from '../common/domain-error';
import { SKILL_LEVELS } from './data/divisions';
import { RECOMMENDATION_REASON_CODES, RECOMMENDATION_REASONS } from './data/recommendation-reasons';
import type {
  DivisionDto,
  IndustryDto,
  OccupationDto,
  OccupationQueryDto,
  RecommendationReasonDto,
  SkillLevelDto,
} from './dto/reference.dto';
import type { Occupation } from './occupation.entity';
import { ReferenceRepository } from './reference.repository';

const toOccupationDto = (o: Occupation): OccupationDto => ({
  code: o.code,
  name: o.name,
  middleCode: o.middleCode,
  middleName: o.middleName,
  minorCode: o.minorCode,
  minorName: o.minorName,
});

/** "五级/初级工" for 5, null when there is no level. */
export const skillLevelName = (level: number | null): string | null => {
  const l = SKILL_LEVELS.find((x) => x.level === level);
  return l ? `${l.name}/${l.title}` : null;
};

export interface NamedVocabulary {
  skills: { occupationCode: string; occupationName: string; level: number | null; levelName: string | null }[];
  industries: { code: string; name: string }[];
}

@Injectable()
export class ReferenceService {
  constructor(private readonly reference: ReferenceRepository) {}

  async divisions(): Promise<DivisionDto[]> {
    return (await this.reference.allDivisions()).map(({ code, name, nameEn }) => ({ code, name, nameEn }));
  }

  async skillLevels(): Promise<SkillLevelDto[]> {
    return (await this.reference.allSkillLevels()).map(({ level, name, title, nameEn }) => ({ level, name, title, nameEn }));
  }

  async occupations(q: OccupationQueryDto): Promise<Page<OccupationDto>> {
    const [rows, total] = await this.reference.searchOccupations(q);
    return pageOf(rows.map(toOccupationDto), total, q);
  }

  async occupation(code: string): Promise<OccupationDto> {
    const o = await this.reference.findOccupation(code);
    if (!o) throw notFound('OCCUPATION');
    return toOccupationDto(o);
  }

  industries(): Promise<IndustryDto[]> {
    return this.reference.industries();
  }

  recommendationReasons(): RecommendationReasonDto[] {
    return RECOMMENDATION_REASON_CODES.map((code) => ({ code, ...RECOMMENDATION_REASONS[code] }));
  }

  /**
   * Skills are occupation codes with a level (controlled vocabulary employers may read): refuses an
   * unknown code with a message that names it.
   */
  async assertSkills(skills: { occupationCode: string }[]): Promise<void> {
    const codes = [...new Set(skills.map((s) => s.occupationCode))];
    const known = await this.reference.existingOccupations(codes);
    const unknown = codes.find((c) => !known.has(c));
    if (unknown)
      throw badRequest(
        'UNKNOWN_OCCUPATION.REFERENCE',
        { unknown },
        {
          code: unknown,
        },
      );
  }

  /** Occupation names and codes → code, for reading skills typed as text (see skill-text.ts). */
  async occupationIndex(): Promise<Map<string, string>> {
    const rows = await this.reference.occupationIndex();
    return new Map(rows.flatMap((o) => [[o.name, o.code] as [string, string], [o.code, o.code] as [string, string]]));
  }

  /** Skills and industries with their names, for a record's view. */
  async vocabularyNames(skills: { occupationCode: string; level: number | null }[], industries: string[]): Promise<NamedVocabulary> {
    const [occupations, allIndustries] = await Promise.all([
      this.reference.occupationNames(skills.map((s) => s.occupationCode)),
      industries.length ? this.reference.industries() : Promise.resolve([]),
    ]);
    const industryNames = new Map(allIndustries.map((i) => [i.code, i.name]));
    return {
      skills: skills.map((s) => ({
        occupationCode: s.occupationCode,
        occupationName: occupations.get(s.occupationCode) ?? s.occupationCode,
        level: s.level,
        levelName: skillLevelName(s.level),
      })),
      industries: industries.map((code) => ({ code, name: industryNames.get(code) ?? code })),
    };
  }

  /** Preferred industries are middle categories of the classification. */
  async assertIndustries(codes: string[]): Promise<void> {
    if (codes.length === 0) return;
    const known = new Set((await this.reference.industries()).map((i) => i.code));
    const unknown = codes.find((c) => !known.has(c));
    if (unknown)
      throw badRequest(
        'UNKNOWN_INDUSTRY',
        { unknown },
        {
          code: unknown,
        },
      );
  }

  divisionExists(code: string): Promise<boolean> {
    return this.reference.divisionExists(code);
  }
}
