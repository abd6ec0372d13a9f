import { Injectable, inject, signal } from '@angular/core';
import { forkJoin, map } from 'rxjs';
import {
  type AuditEntryDto,
  type CaseloadSummaryDto,
  type MyTraineeStatusDto,
  ORGANISATION_TYPES,
  type OrganisationDto,
  type OrganisationType,
} from '../core/api/api-types';
import type { TodayDto } from '../core/api/generated/models/today-dto';
import { type Remote, idle, loadInto } from '../shared/remote';
import { HomeApi } from './home-api';

export interface PendingEmployers {
  readonly total: number;
  readonly first: readonly OrganisationDto[];
}

export type OrganisationCounts = Readonly<Record<OrganisationType, number>>;

/** Everything the role workbenches show; each role loads only its own part. */
@Injectable()
export class HomeStore {
  private readonly api = inject(HomeApi);

  private readonly pendingState = signal<Remote<PendingEmployers>>(idle());
  private readonly countsState = signal<Remote<OrganisationCounts>>(idle());
  private readonly auditState = signal<Remote<readonly AuditEntryDto[]>>(idle());
  private readonly caseloadState = signal<Remote<CaseloadSummaryDto>>(idle());
  private readonly organisationState = signal<Remote<OrganisationDto>>(idle());
  private readonly traineeState = signal<Remote<MyTraineeStatusDto>>(idle());
  private readonly todayState = signal<Remote<TodayDto>>(idle());

  readonly pendingEmployers = this.pendingState.asReadonly();
  readonly organisationCounts = this.countsState.asReadonly();
  readonly latestAudit = this.auditState.asReadonly();
  readonly caseload = this.caseloadState.asReadonly();
  readonly organisation = this.organisationState.asReadonly();
  readonly traineeStatus = this.traineeState.asReadonly();
  /** The staff member's counts for today (GET /me/today): what each staff home is built around. */
  readonly today = this.todayState.asReadonly();

  loadPendingEmployers(): void {
    loadInto(
      this.pendingState,
      this.api
        .organisations({ type: 'employer', status: 'pending', pageSize: 5 })
        .pipe(map((page) => ({ total: page.total, first: page.items }))),
    );
  }

  /** One small request per type: the totals are all the workbench needs. */
  loadOrganisationCounts(): void {
    loadInto(
      this.countsState,
      forkJoin(
        ORGANISATION_TYPES.map((type) => this.api.organisations({ type, pageSize: 1 }).pipe(map((page) => [type, page.total] as const))),
      ).pipe(map((pairs) => Object.fromEntries(pairs) as Record<OrganisationType, number>)),
    );
  }

  loadLatestAudit(): void {
    loadInto(this.auditState, this.api.latestAudit(8).pipe(map((page) => page.items)));
  }

  loadCaseload(): void {
    loadInto(this.caseloadState, this.api.caseloadSummary());
  }

  loadOrganisation(id: string): void {
    loadInto(this.organisationState, this.api.organisation(id));
  }

  loadToday(): void {
    loadInto(this.todayState, this.api.today());
  }

  loadTraineeStatus(): void {
    loadInto(this.traineeState, this.api.myTraineeStatus());
  }
}
