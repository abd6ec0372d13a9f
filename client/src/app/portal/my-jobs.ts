import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, forkJoin, map, of } from 'rxjs';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { OrdersApi } from '../orders/orders-api';
import { OrdersI18n, type OrdersTextKey } from '../orders/orders-i18n';
import { placementStateColor, todayIso } from '../orders/orders-labels';
import type { ConsentTextDto, PlacementDto } from '../orders/orders-types';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { PortalI18n } from './portal-i18n';
import type { PortalKey } from './portal-zh';
import { TraineeStage } from './trainee-stage';

interface JobsData {
  readonly placements: PlacementDto[];
  readonly shareText: ConsentTextDto | null;
}

type Asking = { readonly id: string; readonly what: 'accept' | 'decline' | 'hire' } | null;

/**
 * `/me/jobs`: the trainee's job recommendations, phone first and in plain words. Accepting says plainly
 * what it shares (name and phone, to that one employer, nothing of 我的档案) and records the consent
 * text version read; an offer is taken by saying the first day at work. A released trainee shows this
 * page to employers and family: it then names no programme (the consent text itself stays folded).
 */
@Component({
  selector: 'jbh-my-jobs',
  imports: [
    NgTemplateOutlet,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzTagModule,
    LoadError,
  ],
  templateUrl: './my-jobs.html',
  styleUrl: './portal.css',
  styles: `
    .job-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 10px;
      margin-bottom: 6px;
    }
    .job-title {
      margin: 0;
      font-size: 19px;
    }
    .job-head nz-tag {
      margin: 0;
    }
    .job-facts {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 4px 12px;
      margin: 0 0 8px;
    }
    .job-facts dt {
      color: rgba(0, 0, 0, 0.6);
    }
    .job-facts dd {
      margin: 0;
    }
    .section-title {
      margin: 20px 0 10px;
      font-size: 18px;
    }
    .shares {
      font-weight: 600;
    }
    .date-input {
      width: 100%;
      min-height: 44px;
      margin: 6px 0 0;
      font-size: 16px;
    }
    .good {
      color: #389e0d;
      font-weight: 600;
    }
    .job-card-done {
      opacity: 0.85;
    }
    /* Thumb-sized: at least 48 px high, whichever language. */
    .tall {
      min-height: 52px;
      height: auto;
      font-size: 17px;
      white-space: normal;
    }
    .job-confirm p {
      margin: 0 0 10px;
    }
    .job-confirm-what {
      font-weight: 600;
      font-size: 17px;
    }
    .confirm-buttons {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyJobs {
  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  private readonly stage = inject(TraineeStage);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly t = inject(PortalI18n).over(this.i18n.t);
  /** Before release the page may say plainly what is kept from employers; after, it does not. */
  protected readonly discreet = this.stage.discreet;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly pick = this.i18n.pick;
  protected readonly stateColor = placementStateColor;

  protected readonly data = signal<Remote<JobsData>>(idle());
  protected readonly asking = signal<Asking>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal<{ id: string; text: OrdersTextKey } | null>(null);
  protected readonly firstDay = signal(todayIso());

  private readonly all = computed(() => this.data().data?.placements ?? []);
  /** The recommendation being accepted or declined in the dialog (the offer's first day is asked in its card). */
  protected readonly deciding = computed(() => {
    const a = this.asking();
    if (!a || a.what === 'hire') return null;
    const placement = this.all().find((p) => p.id === a.id);
    return placement ? { what: a.what, placement } : null;
  });
  protected readonly toDecide = computed(() => this.all().filter((p) => p.state === 'recommended'));
  protected readonly going = computed(() =>
    this.all().filter((p) => ['accepted_by_trainee', 'interview', 'offer'].includes(p.state) || (p.state === 'hired' && !p.endedOn)),
  );
  protected readonly earlier = computed(() =>
    this.all().filter((p) => ['declined', 'rejected', 'withdrawn'].includes(p.state) || (p.state === 'hired' && !!p.endedOn)),
  );

  constructor() {
    this.stage.load();
    this.load();
  }

  protected load(): void {
    loadInto(
      this.data,
      forkJoin({
        placements: this.api.placements({ page: 1, pageSize: 100 }).pipe(map((page) => page.items)),
        shareText: this.api.shareText().pipe(catchError(() => of(null))),
      }),
    );
  }

  protected ask(p: PlacementDto, what: 'accept' | 'decline' | 'hire'): void {
    this.error.set(null);
    this.asking.set({ id: p.id, what });
  }

  protected cancel(): void {
    if (this.busy()) return;
    this.asking.set(null);
    this.error.set(null);
  }

  protected confirm(p: PlacementDto): void {
    const asking = this.asking();
    if (!asking) return;
    const text = this.data().data?.shareText;
    let call;
    switch (asking.what) {
      case 'accept':
        if (!text) return;
        call = this.api.placementStep(p.id, 'accept', { textVersion: text.version });
        break;
      case 'decline':
        call = this.api.placementStep(p.id, 'decline', {});
        break;
      case 'hire':
        if (!this.firstDay()) return;
        call = this.api.placementStep(p.id, 'hire', { hiredOn: this.firstDay() });
        break;
    }
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.asking.set(null);
        this.done.set({
          id: updated.id,
          text: asking.what === 'accept' ? 'jobs.accepted' : asking.what === 'decline' ? 'jobs.declined' : 'jobs.took',
        });
        this.data.update((r) =>
          r.data ? { ...r, data: { ...r.data, placements: r.data.placements.map((x) => (x.id === updated.id ? updated : x)) } } : r,
        );
        // The card moves to 进行中, often below the fold: bring its "done" line into view.
        afterNextRender(() => this.host.nativeElement.querySelector('[data-testid="job-done"]')?.scrollIntoView?.({ block: 'center' }), {
          injector: this.injector,
        });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected isAsking(p: PlacementDto, what: 'accept' | 'decline' | 'hire'): boolean {
    const a = this.asking();
    return !!a && a.id === p.id && a.what === what;
  }

  /** The trainee's own view: "you accepted", not the counsellors' "accepted by the trainee". */
  protected stateKey(p: PlacementDto): OrdersTextKey | PortalKey {
    if (p.endedOn) return 'pState.ended';
    return p.state === 'accepted_by_trainee' ? 'jobs.state.mine' : `pState.${p.state}`;
  }

  protected endedKey(p: PlacementDto): OrdersTextKey | PortalKey {
    return p.state === 'declined' ? 'jobs.state.declined' : p.state === 'rejected' ? 'jobs.state.rejected' : 'jobs.state.withdrawn';
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
