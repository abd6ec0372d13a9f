import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { CoursesService } from './courses.service';
import {
  AssessmentDto,
  BulkEnrolDto,
  BulkEnrolResultDto,
  CertificateDto,
  CourseDto,
  CoursePageDto,
  CourseQueryDto,
  CourseSessionPageDto,
  CourseRecommendationDto,
  DemandSupplyRowDto,
  CreateCourseDto,
  CreateSessionDto,
  EnrolDto,
  RecordAttendanceDto,
  SelfEnrolDto,
  CourseSessionDto,
  SessionEnrolmentDto,
  SessionEnrolmentPageDto,
  SessionQueryDto,
  TraineeSessionEnrolmentDto,
} from './dto/course.dto';
import { PageQueryDto } from '../common/dto/page.dto';

/** The catalogue is not personal: every role but employers reads it. */
const LEARNERS_AND_STAFF = ['admin', 'counsellor', 'instructor', 'trainee'] as const;

@ApiTags('courses')
@Controller()
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get('courses')
  @Access(LEARNERS_AND_STAFF, 'all')
  list(@Query() q: CourseQueryDto): Promise<CoursePageDto> {
    return this.courses.list(q);
  }

  @Post('courses')
  @Access(['admin'], 'all')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCourseDto, @ReqContext() ctx: RequestContext): Promise<CourseDto> {
    return this.courses.create(user, dto, ctx);
  }

  /** A course with its sessions. */
  @Get('courses/:id')
  @Access(LEARNERS_AND_STAFF, 'all')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CourseDto & { sessions: CourseSessionDto[] }> {
    return this.courses.get(id);
  }

  @Post('courses/:id/sessions')
  @Access(['admin'], 'all')
  createSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateSessionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CourseSessionDto> {
    return this.courses.createSession(user, id, dto, ctx);
  }

  @Get('course-sessions/:id')
  @Access(LEARNERS_AND_STAFF, 'all')
  session(@Param('id', ParseUUIDPipe) id: string): Promise<CourseSessionDto> {
    return this.courses.session(id);
  }

  /** Enrol a trainee your organisation holds: a seat if one is free, else the waitlist. */
  @Post('course-sessions/:id/enrolments')
  @Access(['counsellor'], 'own-organisation')
  enrol(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EnrolDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SessionEnrolmentDto> {
    return this.courses.enrol(user, id, dto.traineeId, ctx);
  }

  /**
   * Enrol a caseload selection (at most 100) in one go: all or nothing for access (a trainee your
   * organisation does not hold: 404/403, nothing written); then each a seat, the waitlist, or `already`.
   */
  @Post('course-sessions/:id/enrolments/bulk')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  enrolMany(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BulkEnrolDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<BulkEnrolResultDto> {
    return this.courses.enrolMany(user, id, dto.traineeIds, ctx);
  }

  /** Sessions open to enrolment (not ended): the picker in a trainee's file and the caseload. */
  @Get('course-sessions')
  @Access(['admin', 'counsellor'], 'all')
  openSessions(@Query() q: SessionQueryDto): Promise<CourseSessionPageDto> {
    return this.courses.openSessions(q);
  }

  /** One trainee's session enrolments with attendance (their file's 学习 tab). */
  @Get('trainees/:id/session-enrolments')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  traineeEnrolments(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<TraineeSessionEnrolmentDto[]> {
    return this.courses.enrolmentsOf(user, id, ctx);
  }

  /** The session's list: instructors their own sessions, counsellors their own trainees, admins all. */
  @Get('course-sessions/:id/enrolments')
  @Access(['admin', 'counsellor', 'instructor'], { admin: 'all', counsellor: 'own-organisation', instructor: 'own-organisation' })
  enrolments(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<SessionEnrolmentPageDto> {
    return this.courses.enrolments(user, id, q);
  }

  @Put('course-sessions/:id/attendance')
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  attendance(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordAttendanceDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SessionEnrolmentDto[]> {
    return this.courses.recordAttendance(user, id, dto, ctx);
  }

  /** Withdraw: the seat passes to the first on the waitlist, who is told. */
  @Post('session-enrolments/:id/withdrawal')
  @HttpCode(200)
  @Access(['admin', 'counsellor', 'trainee'], { admin: 'all', counsellor: 'own-organisation', trainee: 'self' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<SessionEnrolmentDto> {
    return this.courses.withdraw(user, id, ctx);
  }

  /** Theory and practical scores; passing both issues the certificate. */
  @Put('session-enrolments/:id/assessment')
  @Access(['admin', 'instructor'], { admin: 'all', instructor: 'own-organisation' })
  assess(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssessmentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SessionEnrolmentDto> {
    return this.courses.assess(user, id, dto, ctx);
  }

  @Get('trainees/:id/certificates')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  certificates(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CertificateDto[]> {
    return this.courses.certificatesOf(user, id);
  }

  /** "精准": courses that would qualify me for open orders I do not qualify for yet, with the reason. */
  @Get('trainees/me/course-recommendations')
  @Access(['trainee'], 'self')
  myRecommendations(@CurrentUser() user: AuthUser): Promise<CourseRecommendationDto[]> {
    return this.courses.recommendations(user, null);
  }

  @Get('trainees/:id/course-recommendations')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  recommendations(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CourseRecommendationDto[]> {
    return this.courses.recommendations(user, id);
  }

  /** Where open orders outrun trained trainees, per occupation and division. */
  @Get('courses/demand-supply')
  @Access(['admin'], 'all')
  demandSupply(): Promise<DemandSupplyRowDto[]> {
    return this.courses.demandSupply();
  }

  @Get('trainees/me/certificates')
  @Access(['trainee'], 'self')
  myCertificates(@CurrentUser() user: AuthUser): Promise<CertificateDto[]> {
    return this.courses.certificatesOf(user, null);
  }

  @Get('trainees/me/session-enrolments')
  @Access(['trainee'], 'self')
  myEnrolments(@CurrentUser() user: AuthUser): Promise<SessionEnrolmentDto[]> {
    return this.courses.myEnrolments(user);
  }

  /** Enrol myself in a session. */
  @Post('trainees/me/session-enrolments')
  @Access(['trainee'], 'self')
  enrolMe(@CurrentUser() user: AuthUser, @Body() dto: SelfEnrolDto, @ReqContext() ctx: RequestContext): Promise<SessionEnrolmentDto> {
    return this.courses.enrol(user, dto.sessionId, null, ctx);
  }
}
