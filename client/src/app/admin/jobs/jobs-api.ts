import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { jobsControllerFailed } from '../../core/api/generated/fn/jobs/jobs-controller-failed';
import { jobsControllerRetry } from '../../core/api/generated/fn/jobs/jobs-controller-retry';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import type { FailedJobPageDto } from './jobs-types';

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/** The system administrator's view of the job queue: the failed jobs, and one more attempt for one. */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly api = inject(ApiClient);

  failed(page: number, pageSize: number): Observable<FailedJobPageDto> {
    return this.api.invoke(jobsControllerFailed, { page, pageSize }, silent());
  }

  retry(id: string): Observable<void> {
    return this.api.invoke(jobsControllerRetry, { id }, silent());
  }
}
