import { Injectable, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ChangePasswordDto, MeDto } from '../core/api/api-types';
import { type Remote, idle, loadInto } from '../shared/remote';
import { AccountApi } from './account-api';

/** My profile and my password. */
@Injectable()
export class AccountStore {
  private readonly api = inject(AccountApi);
  private readonly meState = signal<Remote<MeDto>>(idle());

  readonly me = this.meState.asReadonly();

  load(): void {
    loadInto(this.meState, this.api.me());
  }

  changePassword(dto: ChangePasswordDto): Observable<void> {
    return this.api.changePassword(dto);
  }
}
