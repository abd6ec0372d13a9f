import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { OrganisationPageDto, OrganisationType, SkillLevelDto, UserPageDto } from '../core/api/api-types';
import type { components } from '../core/api/generated/api';

type OrderPageDto = components['schemas']['OrderPageDto'];
import { queryParams } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';
import type {
  AssessmentDto,
  CertificateDto,
  ClassAttendanceDto,
  ClassDto,
  ClassEnrolmentDto,
  CourseDetailDto,
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
  SessionEnrolmentDto,
  TraineePageDto,
} from './learning-types';

/** Every learning page shows its errors itself (in place, inline, or as a message): all calls are silent. */
const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });
const id = (value: string) => encodeURIComponent(value);

export interface CourseQuery {
  readonly q?: string | null;
  readonly level?: number | null;
  readonly occupationCode?: string | null;
}

/** The diploma track, the skills track and the look-ups their forms need. */
@Injectable({ providedIn: 'root' })
export class LearningApi {
  private readonly http = inject(HttpClient);

  // ---- diploma track ----

  programmes(): Observable<ProgrammeDto[]> {
    return this.http.get<ProgrammeDto[]>('/api/programmes', silent());
  }

  programme(programmeId: string): Observable<ProgrammeDto> {
    return this.http.get<ProgrammeDto>(`/api/programmes/${id(programmeId)}`, silent());
  }

  createProgramme(dto: CreateProgrammeDto): Observable<ProgrammeDto> {
    return this.http.post<ProgrammeDto>('/api/programmes', dto, silent());
  }

  classes(): Observable<ClassDto[]> {
    return this.http.get<ClassDto[]>('/api/classes', silent());
  }

  klass(classId: string): Observable<ClassDto> {
    return this.http.get<ClassDto>(`/api/classes/${id(classId)}`, silent());
  }

  createClass(dto: CreateClassDto): Observable<ClassDto> {
    return this.http.post<ClassDto>('/api/classes', dto, silent());
  }

  classEnrolments(classId: string): Observable<ClassEnrolmentDto[]> {
    return this.http.get<ClassEnrolmentDto[]>(`/api/classes/${id(classId)}/enrolments`, silent());
  }

  applyForTrainee(classId: string, traineeId: string): Observable<ClassEnrolmentDto> {
    return this.http.post<ClassEnrolmentDto>(`/api/classes/${id(classId)}/applications`, { traineeId }, silent());
  }

  decide(enrolmentId: string, dto: DecisionDto): Observable<ClassEnrolmentDto> {
    return this.http.post<ClassEnrolmentDto>(`/api/class-enrolments/${id(enrolmentId)}/decision`, dto, silent());
  }

  withdrawFromClass(enrolmentId: string, reason: string): Observable<ClassEnrolmentDto> {
    return this.http.post<ClassEnrolmentDto>(`/api/class-enrolments/${id(enrolmentId)}/withdrawal`, { reason }, silent());
  }

  transfer(enrolmentId: string, toClassId: string): Observable<ClassEnrolmentDto> {
    return this.http.post<ClassEnrolmentDto>(`/api/class-enrolments/${id(enrolmentId)}/transfer`, { toClassId }, silent());
  }

  audit(enrolmentId: string): Observable<GraduationAuditDto> {
    return this.http.get<GraduationAuditDto>(`/api/class-enrolments/${id(enrolmentId)}/audit`, silent());
  }

  graduate(enrolmentId: string, graduatedOn?: string): Observable<DiplomaDto> {
    return this.http.post<DiplomaDto>(`/api/class-enrolments/${id(enrolmentId)}/graduation`, graduatedOn ? { graduatedOn } : {}, silent());
  }

  /** Records one unit grade; the answer is the trainee's graduation audit after it. */
  grade(classId: string, dto: GradeDto): Observable<GraduationAuditDto> {
    return this.http.put<GraduationAuditDto>(`/api/classes/${id(classId)}/grades`, dto, silent());
  }

  classAttendance(classId: string, dto: ClassAttendanceDto): Observable<ClassEnrolmentDto[]> {
    return this.http.put<ClassEnrolmentDto[]>(`/api/classes/${id(classId)}/attendance`, dto, silent());
  }

  diploma(diplomaId: string): Observable<DiplomaDto> {
    return this.http.get<DiplomaDto>(`/api/diplomas/${id(diplomaId)}`, silent());
  }

  /** Public: no sign-in needed. */
  verifyDiploma(code: string): Observable<DiplomaVerificationDto> {
    return this.http.get<DiplomaVerificationDto>(`/api/diploma-verifications/${id(code)}`, silent());
  }

  myClassEnrolments(): Observable<ClassEnrolmentDto[]> {
    return this.http.get<ClassEnrolmentDto[]>('/api/trainees/me/class-enrolments', silent());
  }

  myDiplomas(): Observable<DiplomaDto[]> {
    return this.http.get<DiplomaDto[]>('/api/trainees/me/diplomas', silent());
  }

  // ---- skills track ----

  courses(query: CourseQuery = {}): Observable<CourseDto[]> {
    return this.http.get<CourseDto[]>('/api/courses', { params: queryParams({ ...query }), ...silent() });
  }

  course(courseId: string): Observable<CourseDetailDto> {
    return this.http.get<CourseDetailDto>(`/api/courses/${id(courseId)}`, silent());
  }

  createCourse(dto: CreateCourseDto): Observable<CourseDto> {
    return this.http.post<CourseDto>('/api/courses', dto, silent());
  }

  createSession(courseId: string, dto: CreateSessionDto): Observable<CourseSessionDto> {
    return this.http.post<CourseSessionDto>(`/api/courses/${id(courseId)}/sessions`, dto, silent());
  }

  session(sessionId: string): Observable<CourseSessionDto> {
    return this.http.get<CourseSessionDto>(`/api/course-sessions/${id(sessionId)}`, silent());
  }

  sessionEnrolments(sessionId: string): Observable<SessionEnrolmentDto[]> {
    return this.http.get<SessionEnrolmentDto[]>(`/api/course-sessions/${id(sessionId)}/enrolments`, silent());
  }

  enrolTrainee(sessionId: string, traineeId: string): Observable<SessionEnrolmentDto> {
    return this.http.post<SessionEnrolmentDto>(`/api/course-sessions/${id(sessionId)}/enrolments`, { traineeId }, silent());
  }

  sessionAttendance(sessionId: string, dto: ClassAttendanceDto): Observable<SessionEnrolmentDto[]> {
    return this.http.put<SessionEnrolmentDto[]>(`/api/course-sessions/${id(sessionId)}/attendance`, dto, silent());
  }

  withdrawFromSession(enrolmentId: string): Observable<SessionEnrolmentDto> {
    return this.http.post<SessionEnrolmentDto>(`/api/session-enrolments/${id(enrolmentId)}/withdrawal`, null, silent());
  }

  assess(enrolmentId: string, dto: AssessmentDto): Observable<SessionEnrolmentDto> {
    return this.http.put<SessionEnrolmentDto>(`/api/session-enrolments/${id(enrolmentId)}/assessment`, dto, silent());
  }

  myCertificates(): Observable<CertificateDto[]> {
    return this.http.get<CertificateDto[]>('/api/trainees/me/certificates', silent());
  }

  mySessionEnrolments(): Observable<SessionEnrolmentDto[]> {
    return this.http.get<SessionEnrolmentDto[]>('/api/trainees/me/session-enrolments', silent());
  }

  enrolMe(sessionId: string): Observable<SessionEnrolmentDto> {
    return this.http.post<SessionEnrolmentDto>('/api/trainees/me/session-enrolments', { sessionId }, silent());
  }

  /** "精准": courses that would qualify me for open orders, each with its reason. */
  myRecommendations(): Observable<CourseRecommendationDto[]> {
    return this.http.get<CourseRecommendationDto[]>('/api/trainees/me/course-recommendations', silent());
  }

  /** Open demand against trained supply, per occupation and division (admins). */
  demandSupply(): Observable<DemandSupplyRowDto[]> {
    return this.http.get<DemandSupplyRowDto[]>('/api/courses/demand-supply', silent());
  }

  // ---- look-ups for pickers ----

  /** A counsellor's own trainees, by name or identity number. */
  searchTrainees(q: string): Observable<TraineePageDto> {
    return this.http.get<TraineePageDto>('/api/trainees', { params: queryParams({ q, page: 1, pageSize: 20, sort: 'name' }), ...silent() });
  }

  instructors(): Observable<UserPageDto> {
    return this.http.get<UserPageDto>('/api/users', { params: queryParams({ role: 'instructor', page: 1, pageSize: 100 }), ...silent() });
  }

  /** Orders still recruiting, for making a session a 订单班 (admins see every employer's). */
  recruitingOrders(): Observable<OrderPageDto> {
    return this.http.get<OrderPageDto>('/api/orders', { params: queryParams({ state: 'open', page: 1, pageSize: 100 }), ...silent() });
  }

  organisations(type: OrganisationType): Observable<OrganisationPageDto> {
    return this.http.get<OrganisationPageDto>('/api/organisations', { params: queryParams({ type, page: 1, pageSize: 100 }), ...silent() });
  }

  occupations(q: string): Observable<OccupationPageDto> {
    return this.http.get<OccupationPageDto>('/api/reference/occupations', {
      params: queryParams({ q, page: 1, pageSize: 30 }),
      ...silent(),
    });
  }

  skillLevels(): Observable<SkillLevelDto[]> {
    return this.http.get<SkillLevelDto[]>('/api/reference/skill-levels', silent());
  }
}
