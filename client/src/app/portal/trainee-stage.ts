import { Injectable, computed, inject, signal } from '@angular/core';
import type { MyTraineeStatusDto } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { HomeApi } from '../home/home-api';
import { type Remote, idle, loadInto } from '../shared/remote';

/**
 * The signed-in trainee's status (`GET /trainees/me`), asked once per sign-in and again by the home
 * screen. From release on (`stage: 'outside'`) the screens a trainee may show others are discreet:
 * no place, no word of the programme. Until the answer comes — or if it fails — they are discreet too.
 */
@Injectable({ providedIn: 'root' })
export class TraineeStage {
  private readonly api = inject(HomeApi);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<Remote<MyTraineeStatusDto>>(idle());
  private loadedFor: string | null = null;

  readonly status = this.state.asReadonly();
  /** Only a trainee the server says is still inside sees the plain words of their stay. */
  readonly discreet = computed(() => this.state().data?.stage !== 'inside');

  load(refresh = false): void {
    const user = this.auth.user();
    if (!user || user.role !== 'trainee') return;
    if (this.loadedFor !== user.id) {
      // Another person on the same phone: never show the previous one's status while loading.
      this.state.set(idle());
    } else if (!refresh && (this.state().data || this.state().loading)) {
      return;
    }
    this.loadedFor = user.id;
    loadInto(this.state, this.api.myTraineeStatus());
  }
}
