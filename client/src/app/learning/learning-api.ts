import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { OrganisationPageDto, OrganisationType, SkillLevelDto, UserPageDto } from '../core/api/api-types';
import type { components } from '../core/api/generated/api';

type OrderPageDto = components['schemas']['OrderPageDto'];
import { ApiClient } from '../core/api/generated/api-client';
import { coursesControllerAssess } from '../core/api/generated/fn/courses/courses-controller-assess';
import { coursesControllerAttendance } from '../core/api/generated/fn/courses/courses-controller-attendance';
import { coursesControllerCreate } from '../core/api/generated/fn/courses/courses-controller-create';
import { coursesControllerCreateSession } from '../core/api/generated/fn/courses/courses-controller-create-session';
import { coursesControllerDemandSupply } from '../core/api/generated/fn/courses/courses-controller-demand-supply';
import { coursesControllerEnrol } from '../core/api/generated/fn/courses/courses-controller-enrol';
import { coursesControllerEnrolMe } from '../core/api/generated/fn/courses/courses-controller-enrol-me';
import { coursesControllerEnrolments } from '../core/api/generated/fn/courses/courses-controller-enrolments';
import { coursesControllerGet } from '../core/api/generated/fn/courses/courses-controller-get';
import { coursesControllerList } from '../core/api/generated/fn/courses/courses-controller-list';
import { coursesControllerMyCertificates } from '../core/api/generated/fn/courses/courses-controller-my-certificates';
import { coursesControllerMyEnrolments } from '../core/api/generated/fn/courses/courses-controller-my-enrolments';
import { coursesControllerMyRecommendations } from '../core/api/generated/fn/courses/courses-controller-my-recommendations';
import { coursesControllerSession } from '../core/api/generated/fn/courses/courses-controller-session';
import { coursesControllerWithdraw } from '../core/api/generated/fn/courses/courses-controller-withdraw';
import { diplomasControllerApply } from '../core/api/generated/fn/diploma/diplomas-controller-apply';
import { diplomasControllerAttendance } from '../core/api/generated/fn/diploma/diplomas-controller-attendance';
import { diplomasControllerAudit } from '../core/api/generated/fn/diploma/diplomas-controller-audit';
import { diplomasControllerClasses } from '../core/api/generated/fn/diploma/diplomas-controller-classes';
import { diplomasControllerCreateClass } from '../core/api/generated/fn/diploma/diplomas-controller-create-class';
import { diplomasControllerCreateProgramme } from '../core/api/generated/fn/diploma/diplomas-controller-create-programme';
import { diplomasControllerDecide } from '../core/api/generated/fn/diploma/diplomas-controller-decide';
import { diplomasControllerDiploma } from '../core/api/generated/fn/diploma/diplomas-controller-diploma';
import { diplomasControllerEnrolments } from '../core/api/generated/fn/diploma/diplomas-controller-enrolments';
import { diplomasControllerGetClass } from '../core/api/generated/fn/diploma/diplomas-controller-get-class';
import { diplomasControllerGrade } from '../core/api/generated/fn/diploma/diplomas-controller-grade';
import { diplomasControllerGraduate } from '../core/api/generated/fn/diploma/diplomas-controller-graduate';
import { diplomasControllerMyDiplomas } from '../core/api/generated/fn/diploma/diplomas-controller-my-diplomas';
import { diplomasControllerMyEnrolments } from '../core/api/generated/fn/diploma/diplomas-controller-my-enrolments';
import { diplomasControllerProgramme } from '../core/api/generated/fn/diploma/diplomas-controller-programme';
import { diplomasControllerProgrammes } from '../core/api/generated/fn/diploma/diplomas-controller-programmes';
import { diplomasControllerTransfer } from '../core/api/generated/fn/diploma/diplomas-controller-transfer';
import { diplomasControllerVerify } from '../core/api/generated/fn/diploma/diplomas-controller-verify';
import { diplomasControllerWithdraw } from '../core/api/generated/fn/diploma/diplomas-controller-withdraw';
import { ordersControllerList } from '../core/api/generated/fn/orders/orders-controller-list';
import { organisationsControllerList } from '../core/api/generated/fn/organisations/organisations-controller-list';
import { referenceControllerOccupations } from '../core/api/generated/fn/reference/reference-controller-occupations';
import { referenceControllerSkillLevels } from '../core/api/generated/fn/reference/reference-controller-skill-levels';
import { traineesControllerList } from '../core/api/generated/fn/trainees/trainees-controller-list';
import { usersControllerList } from '../core/api/generated/fn/users/users-controller-list';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  AssessmentDto,
  CertificateDto,
  ClassAttendanceDto,
  ClassDto,
  ClassEnrolmentDto,
  ClassEnrolmentPageDto,
  ClassPageDto,
  CourseDetailDto,
  CoursePageDto,
  CourseRecommendationDto,
  CourseDto,
  CourseSessionDto,
  CreateClassDto,
  CreateCourseDto,
  CreateProgrammeDto,
  CreateSessionDto,
  DecisionDto,
  DemandSupplyRowDto,
  DiplomaDto,
  DiplomaVerificationDto,
  GradeDto,
  GraduationAuditDto,
  OccupationPageDto,
  ProgrammeDto,
  ProgrammePageDto,
  SessionEnrolmentDto,
  SessionEnrolmentPageDto,
  TraineePageDto,
} from './learning-types';
import { allPages } from './shared/paged';

/** Every learning page shows its errors itself (in place, inline, or as a message): all calls are silent. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

export interface ClassQuery {
  readonly q?: string | null;
  readonly programmeId?: string | null;
}

export interface CourseQuery {
  readonly q?: string | null;
  readonly level?: number | null;
  readonly occupationCode?: string | null;
}

/** The diploma track, the skills track and the look-ups their forms need. */
@Injectable({ providedIn: 'root' })
export class LearningApi {
  private readonly api = inject(ApiClient);

  // ---- diploma track ----

  programmes(page: number, pageSize: number, q?: string | null): Observable<ProgrammePageDto> {
    return this.api.invoke(diplomasControllerProgrammes, operationQuery({ q, page, pageSize }), silent());
  }

  /** Every programme (a handful; read 100 at a time, never cut): the class form's picker. */
  allProgrammes(): Observable<ProgrammeDto[]> {
    return allPages((page, pageSize) => this.programmes(page, pageSize));
  }

  programme(programmeId: string): Observable<ProgrammeDto> {
    return this.api.invoke(diplomasControllerProgramme, { id: programmeId }, silent());
  }

  createProgramme(dto: CreateProgrammeDto): Observable<ProgrammeDto> {
    return this.api.invoke(diplomasControllerCreateProgramme, { body: dto }, silent());
  }

  classes(page: number, pageSize: number, query: ClassQuery = {}): Observable<ClassPageDto> {
    return this.api.invoke(diplomasControllerClasses, operationQuery({ ...query, page, pageSize }), silent());
  }

  /** Every class matching `query` the caller may see (read 100 at a time, never cut): a programme's classes for a transfer. */
  allClasses(query: ClassQuery = {}): Observable<ClassDto[]> {
    return allPages((page, pageSize) => this.classes(page, pageSize, query));
  }

  klass(classId: string): Observable<ClassDto> {
    return this.api.invoke(diplomasControllerGetClass, { id: classId }, silent());
  }

  createClass(dto: CreateClassDto): Observable<ClassDto> {
    return this.api.invoke(diplomasControllerCreateClass, { body: dto }, silent());
  }

  classEnrolments(classId: string, page: number, pageSize: number): Observable<ClassEnrolmentPageDto> {
    return this.api.invoke(diplomasControllerEnrolments, { id: classId, page, pageSize }, silent());
  }

  /** The whole roster the caller may see (read 100 at a time): the head teacher's grade and attendance sheets. */
  allClassEnrolments(classId: string): Observable<ClassEnrolmentDto[]> {
    return allPages((page, pageSize) => this.classEnrolments(classId, page, pageSize));
  }

  applyForTrainee(classId: string, traineeId: string): Observable<ClassEnrolmentDto> {
    return this.api.invoke(diplomasControllerApply, { id: classId, body: { traineeId } }, silent());
  }

  decide(enrolmentId: string, dto: DecisionDto): Observable<ClassEnrolmentDto> {
    return this.api.invoke(diplomasControllerDecide, { id: enrolmentId, body: dto }, silent());
  }

  withdrawFromClass(enrolmentId: string, reason: string): Observable<ClassEnrolmentDto> {
    return this.api.invoke(diplomasControllerWithdraw, { id: enrolmentId, body: { reason } }, silent());
  }

  transfer(enrolmentId: string, toClassId: string): Observable<ClassEnrolmentDto> {
    return this.api.invoke(diplomasControllerTransfer, { id: enrolmentId, body: { toClassId } }, silent());
  }

  audit(enrolmentId: string): Observable<GraduationAuditDto> {
    return this.api.invoke(diplomasControllerAudit, { id: enrolmentId }, silent());
  }

  graduate(enrolmentId: string, graduatedOn?: string): Observable<DiplomaDto> {
    return this.api.invoke(diplomasControllerGraduate, { id: enrolmentId, body: graduatedOn ? { graduatedOn } : {} }, silent());
  }

  /** Records one unit grade; the answer is the trainee's graduation audit after it. */
  grade(classId: string, dto: GradeDto): Observable<GraduationAuditDto> {
    return this.api.invoke(diplomasControllerGrade, { id: classId, body: dto }, silent());
  }

  classAttendance(classId: string, dto: ClassAttendanceDto): Observable<ClassEnrolmentDto[]> {
    return this.api.invoke(diplomasControllerAttendance, { id: classId, body: dto }, silent());
  }

  diploma(diplomaId: string): Observable<DiplomaDto> {
    return this.api.invoke(diplomasControllerDiploma, { id: diplomaId }, silent());
  }

  /** Public: no sign-in needed. */
  verifyDiploma(code: string): Observable<DiplomaVerificationDto> {
    return this.api.invoke(diplomasControllerVerify, { code }, silent());
  }

  myClassEnrolments(): Observable<ClassEnrolmentDto[]> {
    return this.api.invoke(diplomasControllerMyEnrolments, {}, silent());
  }

  myDiplomas(): Observable<DiplomaDto[]> {
    return this.api.invoke(diplomasControllerMyDiplomas, {}, silent());
  }

  // ---- skills track ----

  courses(page: number, pageSize: number, query: CourseQuery = {}): Observable<CoursePageDto> {
    return this.api.invoke(coursesControllerList, operationQuery({ ...query, page, pageSize }), silent());
  }

  course(courseId: string): Observable<CourseDetailDto> {
    // The server documents this answer only as `object` (no CourseDetailDto schema yet): typed here.
    return this.api.invoke(coursesControllerGet, { id: courseId }, silent()) as Observable<CourseDetailDto>;
  }

  createCourse(dto: CreateCourseDto): Observable<CourseDto> {
    return this.api.invoke(coursesControllerCreate, { body: dto }, silent());
  }

  createSession(courseId: string, dto: CreateSessionDto): Observable<CourseSessionDto> {
    return this.api.invoke(coursesControllerCreateSession, { id: courseId, body: dto }, silent());
  }

  session(sessionId: string): Observable<CourseSessionDto> {
    return this.api.invoke(coursesControllerSession, { id: sessionId }, silent());
  }

  sessionEnrolments(sessionId: string, page: number, pageSize: number): Observable<SessionEnrolmentPageDto> {
    return this.api.invoke(coursesControllerEnrolments, { id: sessionId, page, pageSize }, silent());
  }

  /** The whole list of a session the caller may see (read 100 at a time): the instructor's attendance and assessment sheet. */
  allSessionEnrolments(sessionId: string): Observable<SessionEnrolmentDto[]> {
    return allPages((page, pageSize) => this.sessionEnrolments(sessionId, page, pageSize));
  }

  enrolTrainee(sessionId: string, traineeId: string): Observable<SessionEnrolmentDto> {
    return this.api.invoke(coursesControllerEnrol, { id: sessionId, body: { traineeId } }, silent());
  }

  sessionAttendance(sessionId: string, dto: ClassAttendanceDto): Observable<SessionEnrolmentDto[]> {
    return this.api.invoke(coursesControllerAttendance, { id: sessionId, body: dto }, silent());
  }

  withdrawFromSession(enrolmentId: string): Observable<SessionEnrolmentDto> {
    return this.api.invoke(coursesControllerWithdraw, { id: enrolmentId }, silent());
  }

  assess(enrolmentId: string, dto: AssessmentDto): Observable<SessionEnrolmentDto> {
    return this.api.invoke(coursesControllerAssess, { id: enrolmentId, body: dto }, silent());
  }

  myCertificates(): Observable<CertificateDto[]> {
    return this.api.invoke(coursesControllerMyCertificates, {}, silent());
  }

  mySessionEnrolments(): Observable<SessionEnrolmentDto[]> {
    return this.api.invoke(coursesControllerMyEnrolments, {}, silent());
  }

  enrolMe(sessionId: string): Observable<SessionEnrolmentDto> {
    return this.api.invoke(coursesControllerEnrolMe, { body: { sessionId } }, silent());
  }

  /** "精准": courses that would qualify me for open orders, each with its reason. */
  myRecommendations(): Observable<CourseRecommendationDto[]> {
    return this.api.invoke(coursesControllerMyRecommendations, {}, silent());
  }

  /** Open demand against trained supply, per occupation and division (admins). */
  demandSupply(): Observable<DemandSupplyRowDto[]> {
    return this.api.invoke(coursesControllerDemandSupply, {}, silent());
  }

  // ---- look-ups for pickers ----

  /** A counsellor's own trainees, by name or identity number. */
  searchTrainees(q: string): Observable<TraineePageDto> {
    return this.api.invoke(traineesControllerList, operationQuery({ q, page: 1, pageSize: 20, sort: 'name' }), silent());
  }

  instructors(): Observable<UserPageDto> {
    return this.api.invoke(usersControllerList, { role: 'instructor', page: 1, pageSize: 100 }, silent());
  }

  /** Orders still recruiting, for making a session a 订单班 (admins see every employer's). */
  recruitingOrders(): Observable<OrderPageDto> {
    return this.api.invoke(ordersControllerList, { state: 'open', page: 1, pageSize: 100 }, silent());
  }

  organisations(type: OrganisationType): Observable<OrganisationPageDto> {
    return this.api.invoke(organisationsControllerList, { type, page: 1, pageSize: 100 }, silent());
  }

  occupations(q: string): Observable<OccupationPageDto> {
    return this.api.invoke(referenceControllerOccupations, operationQuery({ q, page: 1, pageSize: 30 }), silent());
  }

  skillLevels(): Observable<SkillLevelDto[]> {
    return this.api.invoke(referenceControllerSkillLevels, {}, silent());
  }
}
