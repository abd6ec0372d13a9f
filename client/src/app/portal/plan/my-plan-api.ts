import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { ApiClient } from '../../core/api/generated/api-client';
import { myPlanControllerDone } from '../../core/api/generated/fn/plans/my-plan-controller-done';
import { myPlanControllerGet } from '../../core/api/generated/fn/plans/my-plan-controller-get';
import { myPlanControllerUndone } from '../../core/api/generated/fn/plans/my-plan-controller-undone';
import type { MyGoalDto } from '../../core/api/generated/models/my-goal-dto';
import type { MyPlanDto } from '../../core/api/generated/models/my-plan-dto';
import type { MyStepDto } from '../../core/api/generated/models/my-step-dto';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import { FRESH_SUBMIT } from '../../core/http/idempotency-interceptor';

export type { MyGoalDto, MyPlanDto, MyStepDto };

const silent = () => new HttpContext().set(SILENT_ERRORS, true);
/**
 * Ticking, unticking and ticking again within seconds is deliberate: each must reach the server
 * (not be answered with the first tick's reply by the same-submit guard).
 */
const toggle = () => silent().set(FRESH_SUBMIT, true);

/** My plan (the trainee's own): read it, tick my own steps, untick one I ticked. */
@Injectable({ providedIn: 'root' })
export class MyPlanApi {
  private readonly api = inject(ApiClient);

  get(): Observable<MyPlanDto> {
    return this.api.invoke(myPlanControllerGet, {}, silent());
  }

  done(actionId: string): Observable<MyPlanDto> {
    return this.api.invoke(myPlanControllerDone, { actionId }, toggle());
  }

  undone(actionId: string): Observable<MyPlanDto> {
    return this.api.invoke(myPlanControllerUndone, { actionId }, toggle());
  }
}
