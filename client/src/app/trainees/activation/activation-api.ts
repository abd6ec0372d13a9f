import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map, of, switchMap } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { activationControllerIssue } from '../../core/api/generated/fn/activation/activation-controller-issue';
import { activationControllerStatus } from '../../core/api/generated/fn/activation/activation-controller-status';
import type { ActivationCodeStatusDto } from '../../core/api/generated/models/activation-code-status-dto';
import type { IssuedActivationCodeDto } from '../../core/api/generated/models/issued-activation-code-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { HandoversApi } from '../handovers/handovers-api';
import type { HandoverDto } from '../trainees-types';

export type { ActivationCodeStatusDto, IssuedActivationCodeDto };

const silent = () => new HttpContext().set(SILENT_ERRORS, true);
const PAGE = 100;

/** The staff side of the release-day activation code: its status, and issuing one (shown once). */
@Injectable({ providedIn: 'root' })
export class ActivationApi {
  private readonly api = inject(ApiClient);
  private readonly handovers = inject(HandoversApi);

  status(traineeId: string): Observable<ActivationCodeStatusDto> {
    return this.api.invoke(activationControllerStatus, { id: traineeId }, silent());
  }

  /** A new code: the plain code is in this answer only and is never kept anywhere. */
  issue(traineeId: string): Observable<IssuedActivationCodeDto> {
    return this.api.invoke(activationControllerIssue, { id: traineeId }, silent());
  }

  /**
   * The trainee's completed handover, for its printable sheet. The server has no "handover of this
   * trainee" look-up; handovers come oldest release first, so the first and the last page are read
   * (a release this week is on the last).
   */
  completedHandover(traineeId: string): Observable<HandoverDto | null> {
    const page = (n: number) => this.handovers.list({ direction: null, state: 'completed', overdue: false, page: n, pageSize: PAGE });
    return page(1).pipe(
      switchMap((first) => {
        const found = first.items.find((h) => h.traineeId === traineeId);
        const last = Math.ceil(first.total / PAGE);
        if (found || last <= 1) return of(found ?? null);
        return page(last).pipe(map((p) => p.items.find((h) => h.traineeId === traineeId) ?? null));
      }),
    );
  }
}
