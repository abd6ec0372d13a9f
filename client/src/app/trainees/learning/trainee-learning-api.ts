import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { components } from '../../core/api/generated/api';
import { ApiClient } from '../../core/api/generated/api-client';
import { coursesControllerCertificates } from '../../core/api/generated/fn/courses/courses-controller-certificates';
import { coursesControllerEnrol } from '../../core/api/generated/fn/courses/courses-controller-enrol';
import { coursesControllerEnrolMany } from '../../core/api/generated/fn/courses/courses-controller-enrol-many';
import { coursesControllerOpenSessions } from '../../core/api/generated/fn/courses/courses-controller-open-sessions';
import { coursesControllerTraineeEnrolments } from '../../core/api/generated/fn/courses/courses-controller-trainee-enrolments';
import { diplomasControllerApply } from '../../core/api/generated/fn/diploma/diplomas-controller-apply';
import { diplomasControllerApplyMany } from '../../core/api/generated/fn/diploma/diplomas-controller-apply-many';
import { diplomasControllerClasses } from '../../core/api/generated/fn/diploma/diplomas-controller-classes';
import { diplomasControllerTraineeEnrolments } from '../../core/api/generated/fn/diploma/diplomas-controller-trainee-enrolments';
import { operationQuery } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';

type Schemas = components['schemas'];
export type TraineeClassEnrolmentDto = Schemas['TraineeClassEnrolmentDto'];
export type TraineeSessionEnrolmentDto = Schemas['TraineeSessionEnrolmentDto'];
export type CertificateDto = Schemas['CertificateDto'];
export type ClassDto = Schemas['ClassDto'];
export type CourseSessionDto = Schemas['CourseSessionDto'];
export type ClassPageDto = Schemas['ClassPageDto'];
export type CourseSessionPageDto = Schemas['CourseSessionPageDto'];
export type ClassEnrolmentDto = Schemas['ClassEnrolmentDto'];
export type SessionEnrolmentDto = Schemas['SessionEnrolmentDto'];
export type BulkEnrolResultDto = Schemas['BulkEnrolResultDto'];
export type BulkApplyResultDto = Schemas['BulkApplyResultDto'];

/** Where a person goes: a diploma class (an application the school decides) or a skills-course session (a seat or the waitlist). */
export type LearningTarget = { readonly kind: 'class'; readonly id: string } | { readonly kind: 'session'; readonly id: string };

/** The most people one bulk enrolment takes (the server answers 400 beyond it). */
export const BULK_ENROL_MAX = 100;

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** A trainee's learning, seen from their file, and enrolment from the file or a caseload selection. */
@Injectable({ providedIn: 'root' })
export class TraineeLearningApi {
  private readonly api = inject(ApiClient);

  classEnrolments(traineeId: string): Observable<TraineeClassEnrolmentDto[]> {
    return this.api.invoke(diplomasControllerTraineeEnrolments, { id: traineeId }, silent());
  }

  sessionEnrolments(traineeId: string): Observable<TraineeSessionEnrolmentDto[]> {
    return this.api.invoke(coursesControllerTraineeEnrolments, { id: traineeId }, silent());
  }

  certificates(traineeId: string): Observable<CertificateDto[]> {
    return this.api.invoke(coursesControllerCertificates, { id: traineeId }, silent());
  }

  /** Classes not yet ended, a page at a time; `q`: part of the class's or programme's name (the picker's search). */
  openClasses(q: string, page: number, pageSize: number): Observable<ClassPageDto> {
    return this.api.invoke(diplomasControllerClasses, operationQuery({ q, open: true, page, pageSize }), silent());
  }

  /** Sessions not yet ended, soonest first, a page at a time; `q`: part of the course's title or occupation. */
  openSessions(q: string, page: number, pageSize: number): Observable<CourseSessionPageDto> {
    return this.api.invoke(coursesControllerOpenSessions, operationQuery({ q, page, pageSize }), silent());
  }

  applyToClass(classId: string, traineeId: string): Observable<ClassEnrolmentDto> {
    return this.api.invoke(diplomasControllerApply, { id: classId, body: { traineeId } }, silent());
  }

  enrolInSession(sessionId: string, traineeId: string): Observable<SessionEnrolmentDto> {
    return this.api.invoke(coursesControllerEnrol, { id: sessionId, body: { traineeId } }, silent());
  }

  applyManyToClass(classId: string, traineeIds: string[]): Observable<BulkApplyResultDto> {
    return this.api.invoke(diplomasControllerApplyMany, { id: classId, body: { traineeIds } }, silent());
  }

  enrolManyInSession(sessionId: string, traineeIds: string[]): Observable<BulkEnrolResultDto> {
    return this.api.invoke(coursesControllerEnrolMany, { id: sessionId, body: { traineeIds } }, silent());
  }
}
