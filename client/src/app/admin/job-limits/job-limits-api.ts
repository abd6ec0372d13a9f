import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { jobLimitsControllerCreate } from '../../core/api/generated/fn/job-limits/job-limits-controller-create';
import { jobLimitsControllerDeactivate } from '../../core/api/generated/fn/job-limits/job-limits-controller-deactivate';
import { jobLimitsControllerList } from '../../core/api/generated/fn/job-limits/job-limits-controller-list';
import { jobLimitsControllerUpdate } from '../../core/api/generated/fn/job-limits/job-limits-controller-update';
import type { CreateJobLimitDto } from '../../core/api/generated/models/create-job-limit-dto';
import type { JobLimitDto } from '../../core/api/generated/models/job-limit-dto';
import type { JobLimitPageDto } from '../../core/api/generated/models/job-limit-page-dto';
import type { UpdateJobLimitDto } from '../../core/api/generated/models/update-job-limit-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';

export type { CreateJobLimitDto, JobLimitDto, JobLimitPageDto, UpdateJobLimitDto };

/** Which rules and which page of them. */
export interface JobLimitQuery {
  readonly includeInactive: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** The page shows its errors itself. */
const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** 从业限制 rules: the system administrator lists, adds, edits and deactivates them. */
@Injectable({ providedIn: 'root' })
export class JobLimitsApi {
  private readonly api = inject(ApiClient);

  list(q: JobLimitQuery): Observable<JobLimitPageDto> {
    return this.api.invoke(jobLimitsControllerList, { includeInactive: q.includeInactive, page: q.page, pageSize: q.pageSize }, silent());
  }

  create(body: CreateJobLimitDto): Observable<JobLimitDto> {
    return this.api.invoke(jobLimitsControllerCreate, { body }, silent());
  }

  update(id: string, body: UpdateJobLimitDto): Observable<JobLimitDto> {
    return this.api.invoke(jobLimitsControllerUpdate, { id, body }, silent());
  }

  deactivate(id: string): Observable<JobLimitDto> {
    return this.api.invoke(jobLimitsControllerDeactivate, { id }, silent());
  }
}
