import { Injectable } from '@nestjs/common';
import { type Page, pageOf } from '../common/dto/page.dto';
import { notFound } from '../common/domain-error';
import type { DivisionDto, OccupationDto, OccupationQueryDto, SkillLevelDto } from './dto/reference.dto';
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
    if (!o) throw notFound('职业', 'Occupation');
    return toOccupationDto(o);
  }

  divisionExists(code: string): Promise<boolean> {
    return this.reference.divisionExists(code);
  }
}
