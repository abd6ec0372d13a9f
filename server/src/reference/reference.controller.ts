import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/access.decorator';
import {
  DivisionDto,
  IndustryDto,
  OccupationDto,
  OccupationPageDto,
  OccupationQueryDto,
  RecommendationReasonDto,
  SkillLevelDto,
} from './dto/reference.dto';
import { ReferenceService } from './reference.service';

/** Public reference data: nothing here is about a person (the employer sign-up form needs it before login). */
@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** Hainan's city/county divisions. */
  @Get('divisions')
  @Public()
  divisions(): Promise<DivisionDto[]> {
    return this.reference.divisions();
  }

  /** 职业技能等级 五级 … 一级. */
  @Get('skill-levels')
  @Public()
  skillLevels(): Promise<SkillLevelDto[]> {
    return this.reference.skillLevels();
  }

  /** Search the 2022 occupational classification. */
  @Get('occupations')
  @Public()
  occupations(@Query() q: OccupationQueryDto): Promise<OccupationPageDto> {
    return this.reference.occupations(q);
  }

  /** Industries a trainee may prefer: the classification's middle categories (codes employers may read). */
  @Get('industries')
  @Public()
  industries(): Promise<IndustryDto[]> {
    return this.reference.industries();
  }

  /** The fixed reasons a counsellor may give an employer for a recommendation. */
  @Get('recommendation-reasons')
  @Public()
  recommendationReasons(): RecommendationReasonDto[] {
    return this.reference.recommendationReasons();
  }

  @Get('occupations/:code')
  @Public()
  occupation(@Param('code') code: string): Promise<OccupationDto> {
    return this.reference.occupation(code);
  }
}
