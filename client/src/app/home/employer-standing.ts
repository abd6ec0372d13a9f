import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { OrganisationDto, OrganisationStatus } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { HomeApi } from './home-api';

/**
 * Whether the signed-in employer's organisation is verified. The server refuses an unverified
 * employer everything but its account, notices and own record (403 EMPLOYER_NOT_VERIFIED); the menu
 * asks this so it offers only what will work. Unknown (still loading) counts as not verified: a
 * pending employer never sees 订单 or 招聘会 flash up.
 */
@Injectable({ providedIn: 'root' })
export class EmployerStanding {
  private readonly auth = inject(AuthStore);
  private readonly api = inject(HomeApi);
  private readonly known = signal<{ organisationId: string; status: OrganisationStatus } | null>(null);

  /** True for everyone but an employer whose organisation is not (yet) known to be verified. */
  readonly verified = computed((): boolean => {
    const user = this.auth.user();
    if (user?.role !== 'employer') return true;
    const known = this.known();
    return known?.organisationId === user.organisationId && known.status === 'verified';
  });

  constructor() {
    // Each sign-in (and token refresh) reads the status again: a verification opens the menu without a new sign-in.
    effect(() => {
      const user = this.auth.user();
      if (user?.role === 'employer') untracked(() => this.load(user.organisationId));
    });
  }

  /** The home page read the record anyway: what it saw is the newest status. */
  seen(organisation: OrganisationDto): void {
    this.known.set({ organisationId: organisation.id, status: organisation.status });
  }

  private load(organisationId: string): void {
    // A failed read leaves the menu as it was; the home page shows the error and a retry.
    this.api.organisation(organisationId).subscribe({ next: (o) => this.seen(o), error: () => undefined });
  }
}
