import { Injectable, computed, inject, signal } from '@angular/core';
import type { OrganisationType } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { HomeApi } from '../home/home-api';

/**
 * The signed-in counsellor's organisation type: only a facility creates trainee records and imports
 * rosters, only a station receives handovers. Asked once per session (the server checks it anyway).
 */
@Injectable({ providedIn: 'root' })
export class MyOrganisation {
  /** Its read of the organisation is shared with the shell's and the home's: one request per session. */
  private readonly api = inject(HomeApi);
  private readonly auth = inject(AuthStore);
  private readonly typeState = signal<OrganisationType | null>(null);
  private readonly settledState = signal(false);
  private loadedFor: string | null = null;

  readonly type = this.typeState.asReadonly();
  /** The answer (or a failure) has arrived: pages waiting on the type stop waiting. */
  readonly settled = this.settledState.asReadonly();
  readonly isFacilityCounsellor = computed(() => this.auth.role() === 'counsellor' && this.typeState() === 'facility');
  readonly isCounsellor = computed(() => this.auth.role() === 'counsellor');

  load(): void {
    const user = this.auth.user();
    if (!user || user.role !== 'counsellor') {
      this.settledState.set(true);
      return;
    }
    if (this.loadedFor === user.organisationId) return;
    this.loadedFor = user.organisationId;
    this.typeState.set(null);
    this.settledState.set(false);
    this.api.organisation(user.organisationId).subscribe({
      next: (org) => {
        this.typeState.set(org.type);
        this.settledState.set(true);
      },
      error: () => {
        this.loadedFor = null;
        this.settledState.set(true);
      },
    });
  }
}
