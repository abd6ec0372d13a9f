import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Subscription } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { MyOrganisation } from '../my-organisation';
import { TraineesI18n } from '../trainees-i18n';
import { handoverStateColor } from '../trainees-labels';
import { HANDOVER_STATES, type HandoverPageDto, type HandoverState } from '../trainees-types';
import { type HandoverDirection, type HandoverQuery, HandoversApi } from './handovers-api';

/** `/handovers`: outgoing and incoming handovers, overdue first and in red, with a state filter. */
@Component({
  selector: 'jbh-handovers-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSelectModule,
    NzTableModule,
    NzTabsModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  templateUrl: './handovers-page.html',
  styleUrl: './handovers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoversPage {
  private readonly api = inject(HandoversApi);
  private readonly i18n = inject(TraineesI18n);
  private readonly router = inject(Router);
  private readonly organisation = inject(MyOrganisation);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly isAdmin = inject(AuthStore).role() === 'admin';
  protected readonly stateColor = handoverStateColor;
  protected readonly states = HANDOVER_STATES;

  /** Admins see every handover in one list; counsellors switch between what they send and what they receive. */
  protected readonly directions: readonly (HandoverDirection | null)[] = this.isAdmin ? [null] : ['outgoing', 'incoming'];
  protected readonly query = signal<HandoverQuery>({ direction: null, state: 'open', overdue: false, page: 1, pageSize: 20 });
  protected readonly list = signal<Remote<HandoverPageDto>>(idle());
  protected readonly tabIndex = computed(() => Math.max(0, this.directions.indexOf(this.query().direction)));
  private inFlight: Subscription | null = null;
  private directionChosen = false;

  constructor() {
    this.organisation.load();
    // Opened from a home's card (?direction=incoming&state=sent): that side and state, not the default.
    const asked = inject(ActivatedRoute).snapshot.queryParamMap;
    const direction = asked.get('direction') as HandoverDirection | null;
    const state = asked.get('state') as HandoverState | null;
    if (direction && this.directions.includes(direction)) {
      this.directionChosen = true;
      this.setQuery({ direction, ...(state && HANDOVER_STATES.includes(state) ? { state } : {}) });
    }
    // A station mostly receives, a facility mostly sends: open on that side once the type is known.
    effect(() => {
      if (!this.organisation.settled()) return;
      const type = this.organisation.type();
      untracked(() => {
        if (this.directionChosen) return;
        this.directionChosen = true;
        this.setQuery({ direction: this.isAdmin ? null : type === 'community_station' ? 'incoming' : 'outgoing' });
      });
    });
  }

  protected selectTab(index: number): void {
    if (index === this.tabIndex()) return;
    this.directionChosen = true;
    this.setQuery({ direction: this.directions[index] ?? null, page: 1 });
  }

  protected filterState(state: HandoverState | 'open' | 'all'): void {
    this.setQuery({ state: state === 'all' ? null : state, page: 1 });
  }

  protected filterOverdue(overdue: boolean): void {
    this.setQuery({ overdue, page: 1 });
  }

  protected setPage(page: number): void {
    this.setQuery({ page });
  }

  protected open(id: string): void {
    void this.router.navigate(['/handovers', id]);
  }

  protected load(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(this.list, this.api.list(this.query()));
  }

  private setQuery(patch: Partial<HandoverQuery>): void {
    this.query.update((q) => ({ ...q, ...patch }));
    this.load();
  }
}
