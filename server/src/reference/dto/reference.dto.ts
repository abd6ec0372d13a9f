import { RECOMMENDATION_REASON_CODES, type RecommendationReason } from '../data/recommendation-reasons';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/dto/page.dto';
import { msg } from '../../common/messages/msg';

export class DivisionDto {
  /** GB/T 2260 code, e.g. `460100`. */
  code: string;
  name: string;
  nameEn: string;
}

export class SkillLevelDto {
  /** 5 = 五级/初级工 … 1 = 一级/高级技师. */
  level: number;
  name: string;
  title: string;
  nameEn: string;
}

export class OccupationDto {
  /** e.g. `4-03-02-01`. */
  code: string;
  name: string;
  middleCode: string;
  middleName: string;
  minorCode: string;
  minorName: string;
}

export class OccupationPageDto {
  @ApiProperty({ type: [OccupationDto] })
  items: OccupationDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class OccupationQueryDto extends PageQueryDto {
  /** Part of a name or a code prefix, e.g. `烹调` or `4-03`. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  /** Middle category, e.g. `4-03`. */
  @IsOptional()
  @Type(() => String)
  @Matches(/^\d-\d{2}$/, { message: msg('INDUSTRY_CODE_FORMAT') })
  @MaxLength(4)
  middleCode?: string;
}

/** An industry: a middle category of the 2022 occupational classification (e.g. `4-03` 住宿和餐饮服务人员). */
export class IndustryDto {
  code: string;
  name: string;
}

/** A reason a counsellor gives for a recommendation, from the fixed list employers may read. */
export class RecommendationReasonDto {
  @ApiProperty({ enum: RECOMMENDATION_REASON_CODES })
  code: RecommendationReason;
  zh: string;
  en: string;
}
