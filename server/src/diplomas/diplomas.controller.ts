import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access, Public } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { ClassApplicationsService } from './class-applications.service';
import { DiplomasService } from './diplomas.service';
import { GraduationService } from './graduation.service';
import {
  ApplyDto,
  BulkApplyDto,
  BulkApplyResultDto,
  ClassAttendanceDto,
  ClassDto,
  ClassEnrolmentDto,
  ClassEnrolmentPageDto,
  ClassPageDto,
  ClassQueryDto,
  CreateClassDto,
  CreateProgrammeDto,
  DecisionDto,
  DiplomaDto,
  DiplomaVerificationDto,
  GradeDto,
  GraduateDto,
  GraduationAuditDto,
  ProgrammeDto,
  ProgrammePageDto,
  ProgrammeQueryDto,
  SelfApplyDto,
  TraineeClassEnrolmentDto,
  TransferDto,
  WithdrawDto,
} from './dto/diploma.dto';
import { PageQueryDto } from '../common/dto/page.dto';

const STAFF_READ = { admin: 'all', counsellor: 'own-organisation', instructor: 'own-organisation' } as const;

@ApiTags('diploma')
@Controller()
export class DiplomasController {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly graduation: GraduationService,
    private readonly applications: ClassApplicationsService,
  ) {}

  @Get('programmes')
  @Access(['admin', 'counsellor', 'instructor', 'trainee'], 'all')
  programmes(@Query() q: ProgrammeQueryDto): Promise<ProgrammePageDto> {
    return this.diplomas.programmes(q);
  }

  @Get('programmes/:id')
  @Access(['admin', 'counsellor', 'instructor', 'trainee'], 'all')
  programme(@Param('id', ParseUUIDPipe) id: string): Promise<ProgrammeDto> {
    return this.diplomas.programme(id);
  }

  @Post('programmes')
  @Access(['admin'], 'all')
  createProgramme(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateProgrammeDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ProgrammeDto> {
    return this.diplomas.createProgramme(user, dto, ctx);
  }

  /** Classes: instructors see the classes they head; counsellors and admins all. */
  @Get('classes')
  @Access(['admin', 'counsellor', 'instructor'], STAFF_READ)
  classes(@CurrentUser() user: AuthUser, @Query() q: ClassQueryDto): Promise<ClassPageDto> {
    return this.diplomas.classes(user, q);
  }

  @Get('classes/:id')
  @Access(['admin', 'counsellor', 'instructor'], STAFF_READ)
  getClass(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ClassDto> {
    return this.diplomas.getClass(user, id);
  }

  @Post('classes')
  @Access(['admin'], 'all')
  createClass(@CurrentUser() user: AuthUser, @Body() dto: CreateClassDto, @ReqContext() ctx: RequestContext): Promise<ClassDto> {
    return this.diplomas.createClass(user, dto, ctx);
  }

  /** A counsellor applies for a trainee their organisation holds. */
  @Post('classes/:id/applications')
  @Access(['counsellor'], 'own-organisation')
  apply(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApplyDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ClassEnrolmentDto> {
    return this.diplomas.apply(user, id, dto.traineeId, ctx);
  }

  /**
   * Apply for a caseload selection (at most 100) in one go: all or nothing for access (a trainee your
   * organisation does not hold: 404/403, nothing written); then each `applied`, `already` or `other_class`.
   */
  @Post('classes/:id/applications/bulk')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  applyMany(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BulkApplyDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<BulkApplyResultDto> {
    return this.applications.applyMany(user, id, dto.traineeIds, ctx);
  }

  /** One trainee's class places with attendance (their file's 学习 tab). */
  @Get('trainees/:id/class-enrolments')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  traineeEnrolments(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<TraineeClassEnrolmentDto[]> {
    return this.applications.enrolmentsOf(user, id, ctx);
  }

  @Get('classes/:id/enrolments')
  @Access(['admin', 'counsellor', 'instructor'], STAFF_READ)
  enrolments(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<ClassEnrolmentPageDto> {
    return this.diplomas.classEnrolments(user, id, q);
  }

  /** The school (its instructors) or an admin approves, waitlists or rejects. */
  @Post('class-enrolments/:id/decision')
  @HttpCode(200)
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ClassEnrolmentDto> {
    return this.diplomas.decide(user, id, dto, ctx);
  }

  @Post('class-enrolments/:id/withdrawal')
  @HttpCode(200)
  @Access(['admin', 'counsellor', 'trainee'], { admin: 'all', counsellor: 'own-organisation', trainee: 'self' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ClassEnrolmentDto> {
    return this.diplomas.withdraw(user, id, dto.reason, ctx);
  }

  /** Released mid-programme: continue in a community or distance class. */
  @Post('class-enrolments/:id/transfer')
  @HttpCode(200)
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  transfer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransferDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ClassEnrolmentDto> {
    return this.diplomas.transfer(user, id, dto.toClassId, ctx);
  }

  @Get('class-enrolments/:id/audit')
  @Access(['admin', 'counsellor', 'instructor', 'trainee'], {
    admin: 'all',
    counsellor: 'own-organisation',
    instructor: 'own-organisation',
    trainee: 'self',
  })
  audit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GraduationAuditDto> {
    return this.graduation.graduationAudit(user, id);
  }

  @Post('class-enrolments/:id/graduation')
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  graduate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GraduateDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<DiplomaDto> {
    return this.graduation.graduate(user, id, dto.graduatedOn, ctx);
  }

  /** Record a unit grade (the class's head teacher). */
  @Put('classes/:id/grades')
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  grade(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GradeDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<GraduationAuditDto> {
    return this.graduation.recordGrade(user, id, dto, ctx);
  }

  @Put('classes/:id/attendance')
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  attendance(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ClassAttendanceDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ClassEnrolmentDto[]> {
    return this.diplomas.recordAttendance(user, id, dto, ctx);
  }

  /** A diploma with its transcript (the holder, their counsellors, the head teacher, admins). */
  @Get('diplomas/:id')
  @Access(['admin', 'counsellor', 'instructor', 'trainee'], {
    admin: 'all',
    counsellor: 'own-organisation',
    instructor: 'own-organisation',
    trainee: 'self',
  })
  diploma(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DiplomaDto> {
    return this.graduation.diploma(user, id);
  }

  /** Public verification: school, programme, date, number and a masked name — nothing else. */
  @Get('diploma-verifications/:code')
  @Public()
  @RateLimited()
  verify(@Param('code') code: string): Promise<DiplomaVerificationDto> {
    return this.graduation.verify(code);
  }

  @Get('trainees/me/class-enrolments')
  @Access(['trainee'], 'self')
  myEnrolments(@CurrentUser() user: AuthUser): Promise<ClassEnrolmentDto[]> {
    return this.diplomas.myEnrolments(user);
  }

  @Post('trainees/me/class-applications')
  @Access(['trainee'], 'self')
  applyMe(@CurrentUser() user: AuthUser, @Body() dto: SelfApplyDto, @ReqContext() ctx: RequestContext): Promise<ClassEnrolmentDto> {
    return this.diplomas.apply(user, dto.classId, null, ctx);
  }

  @Get('trainees/me/diplomas')
  @Access(['trainee'], 'self')
  myDiplomas(@CurrentUser() user: AuthUser): Promise<DiplomaDto[]> {
    return this.graduation.myDiplomas(user);
  }
}
