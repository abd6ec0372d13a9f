import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import {
  type CertificateDto,
  type ClassEnrolmentDto,
  type CourseSessionDto,
  type DiplomaDto,
  type GraduationAuditDto,
  LIVE_CLASS_STATES,
  type ProgrammeDto,
  STUDYING_STATES,
  type SessionEnrolmentDto,
} from '../learning-types';

/** A course enrolment with the session it is for (the enrolment alone carries only the session id). */
export interface MyCourse {
  readonly enrolment: SessionEnrolmentDto;
  readonly session: CourseSessionDto | null;
}

/** Fetches each distinct session once. */
export function withSessions(api: LearningApi, enrolments: SessionEnrolmentDto[]): Observable<MyCourse[]> {
  const ids = [...new Set(enrolments.map((e) => e.sessionId))];
  if (ids.length === 0) return of([]);
  return forkJoin(ids.map((id) => api.session(id))).pipe(
    map((sessions) => enrolments.map((enrolment) => ({ enrolment, session: sessions.find((s) => s.id === enrolment.sessionId) ?? null }))),
  );
}

/** The trainee's own learning: class and audit, courses, certificates, diplomas. */
@Injectable()
export class MyLearningStore {
  private readonly api = inject(LearningApi);

  private readonly classState = signal<Remote<ClassEnrolmentDto[]>>(idle());
  private readonly auditState = signal<Remote<GraduationAuditDto>>(idle());
  private readonly courseState = signal<Remote<MyCourse[]>>(idle());
  private readonly certificateState = signal<Remote<CertificateDto[]>>(idle());
  private readonly diplomaState = signal<Remote<DiplomaDto[]>>(idle());
  private readonly programmeState = signal<Remote<ProgrammeDto[]>>(idle());

  readonly classEnrolments = this.classState.asReadonly();
  readonly audit = this.auditState.asReadonly();
  readonly courses = this.courseState.asReadonly();
  readonly certificates = this.certificateState.asReadonly();
  readonly diplomas = this.diplomaState.asReadonly();
  readonly programmes = this.programmeState.asReadonly();

  /** The enrolment that matters now: studying first, then one waiting for an answer, then a graduation. */
  readonly currentClass = computed<ClassEnrolmentDto | null>(() => {
    const list = this.classState().data ?? [];
    return (
      list.find((e) => STUDYING_STATES.includes(e.state)) ??
      list.find((e) => LIVE_CLASS_STATES.includes(e.state)) ??
      list.find((e) => e.state === 'graduated') ??
      null
    );
  });
  /** Earlier answers worth seeing (a rejection and its reason, a graduation). */
  readonly pastClasses = computed(() => (this.classState().data ?? []).filter((e) => e !== this.currentClass()));

  load(): void {
    this.loadClass();
    this.loadCourses();
    loadInto(this.certificateState, this.api.myCertificates());
    loadInto(this.diplomaState, this.api.myDiplomas());
  }

  loadClass(): void {
    loadInto(this.classState, this.api.myClassEnrolments()).add(() => {
      if (this.classState().error) return;
      const current = this.currentClass();
      if (current && (STUDYING_STATES.includes(current.state) || current.state === 'graduated'))
        loadInto(this.auditState, this.api.audit(current.id));
      else if (!current) loadInto(this.programmeState, this.api.allProgrammes());
    });
  }

  loadCourses(): void {
    loadInto(this.courseState, this.api.mySessionEnrolments().pipe(switchMap((list) => withSessions(this.api, list))));
  }

  withdrawFromSession(enrolmentId: string): Observable<SessionEnrolmentDto> {
    return this.api.withdrawFromSession(enrolmentId);
  }
}
