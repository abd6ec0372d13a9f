import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  CreateJobLimitDto,
  JobLimitDto,
  JobLimitPageDto,
  JobLimitQueryDto,
  TraineeJobLimitDto,
  UpdateJobLimitDto,
} from './dto/job-limit.dto';
import { JobLimitsService } from './job-limits.service';

/** The table of legal job limits: admins keep it, counsellors read it. */
@ApiTags('job-limits')
@Controller('job-limits')
export class JobLimitsController {
  constructor(private readonly jobLimits: JobLimitsService) {}

  /** The rules, a page at a time: active ones only unless `includeInactive`. */
  @Get()
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'all' })
  list(@Query() q: JobLimitQueryDto): Promise<JobLimitPageDto> {
    return this.jobLimits.list(q);
  }

  @Post()
  @Access(['admin'], 'all')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateJobLimitDto, @ReqContext() ctx: RequestContext): Promise<JobLimitDto> {
    return this.jobLimits.create(user, dto, ctx);
  }

  @Patch(':id')
  @Access(['admin'], 'all')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateJobLimitDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<JobLimitDto> {
    return this.jobLimits.update(user, id, dto, ctx);
  }

  /** Deactivates the rule (kept for the record). */
  @Delete(':id')
  @Access(['admin'], 'all')
  deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<JobLimitDto> {
    return this.jobLimits.deactivate(user, id, ctx);
  }
}

/** What limits one person now: their counsellor only (the organisation holding them). */
@ApiTags('job-limits')
@Controller('trainees')
export class TraineeJobLimitsController {
  constructor(private readonly jobLimits: JobLimitsService) {}

  @Get(':id/job-limits')
  @Access(['counsellor'], 'own-organisation')
  forTrainee(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<TraineeJobLimitDto[]> {
    return this.jobLimits.forTrainee(user, id, ctx);
  }
}
