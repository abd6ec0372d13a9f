import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, catchError, forkJoin, map, of, tap } from 'rxjs';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import {
  type ClassDto,
  type ClassEnrolmentDto,
  type DiplomaDto,
  type GraduationAuditDto,
  type ProgrammeDto,
  STUDYING_STATES,
} from '../learning-types';
import type { GradeRow } from '../shared/grade-grid/grade-grid';

/**
 * One class as its teacher sees it: the roster, the programme's units, and each studying trainee's
 * audit (their grades, credits and attendance). No endpoint lists a class's grades, so the audits are
 * read one per trainee (a class is some 30 people).
 */
@Injectable()
export class ClassStore {
  private readonly api = inject(LearningApi);
  private classId = '';

  private readonly classState = signal<Remote<ClassDto>>(idle());
  private readonly enrolmentState = signal<Remote<ClassEnrolmentDto[]>>(idle());
  private readonly programmeState = signal<Remote<ProgrammeDto>>(idle());
  private readonly auditMap = signal<Readonly<Record<string, GraduationAuditDto>>>({});
  private readonly auditsLoading = signal(false);

  readonly klass = this.classState.asReadonly();
  readonly enrolments = this.enrolmentState.asReadonly();
  readonly programme = this.programmeState.asReadonly();
  readonly audits = this.auditMap.asReadonly();
  readonly loadingAudits = this.auditsLoading.asReadonly();

  readonly roster = computed(() => (this.enrolmentState().data ?? []).filter((e) => STUDYING_STATES.includes(e.state)));
  readonly pending = computed(() => (this.enrolmentState().data ?? []).filter((e) => e.state === 'applied' || e.state === 'waitlisted'));
  readonly others = computed(() =>
    (this.enrolmentState().data ?? []).filter(
      (e) => !STUDYING_STATES.includes(e.state) && e.state !== 'applied' && e.state !== 'waitlisted',
    ),
  );
  readonly gradeRows = computed<GradeRow[]>(() =>
    this.roster().map((e) => {
      const audit = this.auditMap()[e.id];
      return {
        traineeId: e.traineeId,
        traineeName: e.traineeName,
        scores: Object.fromEntries((audit?.units ?? []).map((u) => [u.unitId, u.score])),
        earnedCredits: audit?.earnedCredits ?? null,
      };
    }),
  );

  load(classId: string): void {
    this.classId = classId;
    loadInto(this.classState, this.api.klass(classId)).add(() => {
      const programmeId = this.classState().data?.programmeId;
      if (programmeId) loadInto(this.programmeState, this.api.programme(programmeId));
    });
    this.loadEnrolments();
  }

  loadEnrolments(): void {
    // The grade and attendance sheets show the whole roster: every page of it.
    loadInto(this.enrolmentState, this.api.allClassEnrolments(this.classId)).add(() => this.loadAudits());
  }

  loadAudits(): void {
    const roster = this.roster();
    if (roster.length === 0) return;
    this.auditsLoading.set(true);
    forkJoin(roster.map((e) => this.api.audit(e.id).pipe(catchError(() => of(null)))))
      .pipe(map((list) => list.filter((a): a is GraduationAuditDto => a !== null)))
      .subscribe((list) => {
        this.auditsLoading.set(false);
        // Merged, not replaced: a trainee who just graduated leaves the roster, and their open audit stays.
        this.auditMap.update((all) => ({ ...all, ...Object.fromEntries(list.map((a) => [a.enrolmentId, a])) }));
      });
  }

  /** A grade answered with the trainee's new audit. */
  putAudit(audit: GraduationAuditDto): void {
    this.auditMap.update((all) => ({ ...all, [audit.enrolmentId]: audit }));
  }

  enrolmentOfTrainee(traineeId: string): ClassEnrolmentDto | undefined {
    return this.roster().find((e) => e.traineeId === traineeId);
  }

  graduate(enrolmentId: string, graduatedOn: string): Observable<DiplomaDto> {
    return this.api.graduate(enrolmentId, graduatedOn).pipe(tap(() => this.loadEnrolments()));
  }
}
