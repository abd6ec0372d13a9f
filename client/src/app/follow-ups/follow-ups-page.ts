import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { chinaDate } from '../shared/china-date';
import { ListSkeleton } from '../shared/list-skeleton';
import { LoadError } from '../shared/load-error';
import { pageTotal } from '../shared/page-total';
import { type Remote, idle, loadInto } from '../shared/remote';
import { type FollowUpPageDto, FollowUpsApi, type FollowUpVisitDto, type RecordVisitDto, type VisitFilter } from './follow-ups-api';
import { FollowUpsI18n } from './follow-ups-i18n';
import type { FollowUpsKey } from './follow-ups-zh';
import { VisitAppointment } from './visit-appointment';
import { UnsentVisitsCheck } from './unsent-visits-check';
import { type FlushResult, VisitOutbox } from './visit-outbox';

type Outcome = RecordVisitDto['state'];

/** `/follow-ups`: the field worker's phone view — today's and overdue visits, recorded in a few taps, offline-safe. */
@Component({
  selector: 'jbh-follow-ups-page',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzRadioModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
    VisitAppointment,
  ],
  template: `
    <div class="page fu" data-testid="follow-ups-page">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('title') }}</h1>
          <p class="page-subtitle">{{ t('subtitle') }}</p>
        </div>
        <nz-tag [nzColor]="online() ? 'green' : 'red'" data-testid="net-state">{{ online() ? t('online') : t('offline') }}</nz-tag>
      </header>
      @if (outbox.pending().length) {
        <nz-alert
          nzType="warning"
          nzShowIcon
          [nzMessage]="count('pending', outbox.pending().length)"
          [nzAction]="sendBtn"
          data-testid="outbox"
        />
        <ng-template #sendBtn
          ><button nz-button type="button" class="send-now" (click)="flush()">{{ t('sendNow') }}</button></ng-template
        >
      }
      @if (notice(); as n) {
        <nz-alert
          class="notice"
          [nzType]="n.type"
          nzShowIcon
          [nzMessage]="n.text"
          [nzDescription]="n.detail ?? null"
          [attr.role]="n.type === 'success' ? 'status' : null"
          data-testid="fu-notice"
        />
      }
      <p class="label" id="fu-l-view">{{ t('view') }}</p>
      <nz-radio-group [(ngModel)]="view" (ngModelChange)="load()" class="tabs seg" nzButtonStyle="solid" aria-labelledby="fu-l-view">
        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
        <label nz-radio-button nzValue="due">{{ t('due') }}</label>
        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
        <label nz-radio-button nzValue="done">{{ t('done') }}</label>
      </nz-radio-group>
      @if (view === 'due' && (filter().overdue || filter().stationId)) {
        <p class="filter-chip" data-testid="visit-filter">
          <span>{{ filter().overdue ? t('filter.overdue') : t('filter.station') }}{{ stationName() ? ' · ' + stationName() : '' }}</span>
          <button nz-button nzType="link" type="button" (click)="clearFilter()" data-testid="visit-filter-clear">
            {{ t('filter.clear') }}
          </button>
        </p>
      }
      @if (list().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (list().data; as page) {
        @for (v of page.items; track v.id) {
          <nz-card class="visit" data-testid="visit">
            <div class="visit-head">
              <div>
                <strong class="name">{{ v.traineeName }}</strong>
                @if (v.traineePhone) {
                  <a class="phone" [href]="'tel:' + v.traineePhone">{{ v.traineePhone }}</a>
                }
                @if (showStation()) {
                  <p class="station" data-testid="visit-station">{{ t('station', { name: v.stationName }) }}</p>
                }
                <p class="muted">{{ t('months', { n: v.monthsAfter }) }} · {{ t('dueOn', { date: i18n.date(v.dueOn) }) }}</p>
              </div>
              <div class="tags">
                @if (v.state === 'planned' && v.daysOverdue > 0) {
                  <nz-tag nzColor="red">{{ t('overdue', { n: v.daysOverdue }) }}</nz-tag>
                }
                @if (v.escalated) {
                  <nz-tag nzColor="volcano">{{ t('escalated') }}</nz-tag>
                }
                @if (v.lostContact) {
                  <nz-tag nzColor="red" data-testid="visit-lost-contact">{{ t('lostContact') }}</nz-tag>
                }
                @if (v.state !== 'planned') {
                  <nz-tag nzColor="green">{{ t(key('o.', v.state)) }}</nz-tag>
                }
                @if (isQueued(v)) {
                  <nz-tag nzColor="gold" data-testid="visit-waiting">{{ t('waiting') }}</nz-tag>
                }
              </div>
            </div>
            @if (v.state === 'planned' && canRecord() && !isQueued(v) && editing() !== v.id) {
              <jbh-visit-appointment [visit]="v" (changed)="replace($event)" />
            }
            @if (v.state === 'planned' && canRecord() && !isQueued(v)) {
              @if (editing() === v.id) {
                <form class="record" (ngSubmit)="save(v)" data-testid="visit-form">
                  <p class="label" id="fu-l-outcome">{{ t('outcome') }}</p>
                  <nz-radio-group
                    [(ngModel)]="form.state"
                    name="state"
                    nzButtonStyle="solid"
                    class="seg"
                    role="radiogroup"
                    aria-labelledby="fu-l-outcome"
                  >
                    @for (o of outcomes; track o) {
                      <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                      <label nz-radio-button [nzValue]="o" [attr.data-testid]="'outcome-' + o">{{ t(key('o.', o)) }}</label>
                    }
                  </nz-radio-group>
                  @if (form.state === 'done') {
                    <p class="label" id="fu-l-method">{{ t('method') }}</p>
                    <nz-radio-group
                      [(ngModel)]="form.contactMethod"
                      name="method"
                      nzButtonStyle="solid"
                      class="seg"
                      role="radiogroup"
                      aria-labelledby="fu-l-method"
                    >
                      @for (m of methods; track m) {
                        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                        <label nz-radio-button [nzValue]="m" [attr.data-testid]="'method-' + m">{{ t(key('m.', m)) }}</label>
                      }
                    </nz-radio-group>
                    <p class="label" id="fu-l-work">{{ t('work') }}</p>
                    <nz-radio-group
                      [(ngModel)]="form.employmentStatus"
                      name="work"
                      nzButtonStyle="solid"
                      class="seg"
                      role="radiogroup"
                      aria-labelledby="fu-l-work"
                    >
                      @for (w of works; track w) {
                        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                        <label nz-radio-button [nzValue]="w" [attr.data-testid]="'work-' + w">{{ t(key('w.', w)) }}</label>
                      }
                    </nz-radio-group>
                    @if (form.employmentStatus === 'employed' || form.employmentStatus === 'self_employed') {
                      <input
                        nz-input
                        class="field"
                        name="employer"
                        [(ngModel)]="form.employerName"
                        [placeholder]="t('employer')"
                        [attr.aria-label]="t('employer')"
                        maxlength="80"
                      />
                      <label class="check"
                        ><input type="checkbox" name="confirmed" [(ngModel)]="form.employmentConfirmed" /> {{ t('confirmed') }}</label
                      >
                    }
                    <p class="label" id="fu-l-income">{{ t('income') }}</p>
                    <nz-radio-group
                      [(ngModel)]="form.incomeBand"
                      name="income"
                      nzButtonStyle="solid"
                      class="seg"
                      role="radiogroup"
                      aria-labelledby="fu-l-income"
                    >
                      @for (i of incomes; track i) {
                        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                        <label nz-radio-button [nzValue]="i" [attr.data-testid]="'income-' + i">{{ t(key('i.', i)) }}</label>
                      }
                    </nz-radio-group>
                    <p class="label restricted" id="fu-l-abstinence">{{ t('abstinence') }}</p>
                    <nz-radio-group
                      [(ngModel)]="abstinence"
                      name="abst"
                      nzButtonStyle="solid"
                      class="seg"
                      role="radiogroup"
                      aria-labelledby="fu-l-abstinence"
                    >
                      @for (a of abstinences; track a) {
                        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                        <label nz-radio-button [nzValue]="a" [attr.data-testid]="'abstinence-' + a">{{ t(key('a.', a)) }}</label>
                      }
                    </nz-radio-group>
                    <p class="label restricted" id="fu-l-basis">{{ t('basis') }}</p>
                    <nz-radio-group
                      [(ngModel)]="basis"
                      name="basis"
                      nzButtonStyle="solid"
                      class="seg"
                      role="radiogroup"
                      aria-labelledby="fu-l-basis"
                      data-testid="basis-group"
                    >
                      @for (b of bases; track b) {
                        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                        <label nz-radio-button [nzValue]="b" [attr.data-testid]="'basis-' + b">{{ t(key('b.', b)) }}</label>
                      }
                    </nz-radio-group>
                    <textarea
                      nz-input
                      class="field"
                      rows="2"
                      name="needs"
                      [(ngModel)]="form.supportNeeds"
                      [placeholder]="t('needs')"
                      [attr.aria-label]="t('needs')"
                      maxlength="500"
                    ></textarea>
                    <textarea
                      nz-input
                      class="field"
                      rows="2"
                      name="next"
                      [(ngModel)]="form.nextSteps"
                      [placeholder]="t('next')"
                      [attr.aria-label]="t('next')"
                      maxlength="500"
                    ></textarea>
                  }
                  @if (error(); as err) {
                    <nz-alert nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" />
                  }
                  <div class="actions">
                    <button nz-button nzSize="large" type="button" (click)="editing.set(null)">{{ t('cancel') }}</button>
                    <button nz-button nzSize="large" nzType="primary" type="submit" [nzLoading]="busy()" data-testid="visit-save">
                      {{ t('save') }}
                    </button>
                  </div>
                </form>
              } @else {
                <button nz-button nzType="primary" nzSize="large" nzBlock type="button" (click)="start(v)" data-testid="visit-record">
                  {{ t('record') }}
                </button>
              }
            }
          </nz-card>
        } @empty {
          <nz-card data-testid="visits-none"
            ><p>{{ t('none') }}</p></nz-card
          >
        }
        @if (page.items.length) {
          <p class="muted shown" data-testid="visits-shown">{{ t('shown', { shown: page.items.length, total: totalOf(page) }) }}</p>
        }
        @if (page.nextCursor) {
          <button nz-button nzBlock type="button" [nzLoading]="loadingMore()" (click)="more()" data-testid="visits-more">
            {{ t('more') }}
          </button>
        }
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="4" />
      }
    </div>
  `,
  styles: `
    .fu {
      max-width: 640px;
    }
    .tabs {
      margin: 0 0 12px;
    }
    .filter-chip {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
      font-weight: 600;
    }
    .notice {
      margin: 8px 0;
    }
    .visit {
      margin-bottom: 12px;
    }
    .visit-head {
      display: flex;
      justify-content: space-between;
      gap: 8px;
    }
    .name {
      font-size: 17px;
      margin-right: 8px;
    }
    .station {
      margin: 2px 0 0;
      font-weight: 600;
      color: #8a5300;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      justify-content: flex-end;
      align-items: flex-start;
      align-content: flex-start;
    }
    .label {
      margin: 12px 0 4px;
      font-weight: 600;
    }
    .restricted {
      color: #ad4e00;
    }
    .field {
      margin-top: 8px;
    }
    .check {
      display: flex;
      gap: 6px;
      align-items: center;
      margin-top: 8px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 12px;
    }
    /* Segmented choices, full width, each at least 48 px tall (a thumb on a phone, in the field). */
    .seg {
      display: flex;
      flex-wrap: wrap;
      width: 100%;
    }
    .seg ::ng-deep .ant-radio-button-wrapper {
      flex: 1 0 auto;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-height: 48px;
      height: auto;
      padding: 0 10px;
      font-size: 15px;
      line-height: 1.3;
      text-align: center;
    }
    .record .field {
      min-height: 48px;
      font-size: 16px;
    }
    .check {
      min-height: 48px;
    }
    .check input {
      width: 22px;
      height: 22px;
    }
    .actions button,
    .send-now,
    [data-testid='visit-record'],
    [data-testid='visits-more'] {
      min-height: 48px;
    }
    .actions button {
      flex: 1;
    }
    .phone {
      display: inline-flex;
      align-items: center;
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpsPage {
  private readonly api = inject(FollowUpsApi);
  private readonly auth = inject(AuthStore);
  protected readonly outbox = inject(VisitOutbox);
  protected readonly i18n = inject(FollowUpsI18n);
  protected readonly t = this.i18n.t;
  protected readonly list = signal<Remote<FollowUpPageDto>>(idle());
  protected readonly loadingMore = signal(false);
  protected readonly totalOf = pageTotal;
  protected readonly editing = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<{ type: 'success' | 'warning'; text: string; detail?: string } | null>(null);
  protected readonly online = signal(navigator.onLine);
  protected readonly canRecord = computed(() => this.auth.role() === 'counsellor');
  /**
   * Each card names its station for those who see many (the bureau admin's overdue list across the
   * province); a station's own counsellor, and a list already narrowed to one station, need not.
   */
  protected readonly showStation = computed(() => this.auth.role() === 'admin' && !this.filter().stationId);
  protected readonly outcomes: Outcome[] = ['done', 'unreachable', 'missed'];
  protected readonly methods = ['home_visit', 'phone', 'video', 'at_station', 'workplace'] as const;
  protected readonly works = ['employed', 'self_employed', 'studying', 'unemployed'] as const;
  protected readonly incomes = ['none', 'below_2000', '2000_3999', '4000_5999', '6000_plus'] as const;
  protected readonly abstinences = ['abstinent', 'relapsed', 'unknown'] as const;
  protected readonly bases = ['test_verified', 'self_reported'] as const;
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected view: 'due' | 'done' = this.route.snapshot.queryParamMap.get('view') === 'done' ? 'done' : 'due';
  /** From a home's card: only the late visits (?overdue=1), or one station's (?station=<id>, an admin's table). */
  protected readonly filter = signal<VisitFilter>({
    overdue: this.route.snapshot.queryParamMap.get('overdue') === '1',
    stationId: this.route.snapshot.queryParamMap.get('station') ?? undefined,
  });
  protected form: Partial<RecordVisitDto> = {};
  protected abstinence: (typeof this.abstinences)[number] | null = null;
  protected basis: (typeof this.bases)[number] = 'self_reported';

  constructor() {
    this.load();
    // Visits typed here may still be waiting at sign-out, offline: its question must already be on the phone.
    inject(UnsentVisitsCheck).prepare();
    const online = () => {
      this.online.set(true);
      this.load();
    };
    const offline = () => this.online.set(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });
    // The outbox sends on its own when the connection returns (and at sign-in): say so, and refresh.
    this.outbox.results.pipe(takeUntilDestroyed()).subscribe((r) => this.flushed(r));
    // Sent while this page was closed (or before it subscribed): say so rather than nothing.
    const last = this.outbox.lastSent();
    if (last && !this.outbox.pending().length) this.notice.set(this.flushNotice(last));
    // The waiting list emptied by a send this page did not hear of: the offline warning must not stay up.
    effect(() => {
      const sent = this.outbox.lastSent();
      const waiting = this.outbox.pending().length;
      untracked(() => {
        if (sent && !waiting && this.notice()?.type === 'warning') this.notice.set(this.flushNotice(sent));
      });
    });
    void this.outbox.flush();
  }

  load(): void {
    loadInto(this.list, this.api.list(this.view, undefined, this.view === 'due' ? this.filter() : {}));
  }

  /** The next 100 after the last one shown (by the page's cursor), added below them. */
  protected more(): void {
    const shown = this.list().data;
    if (!shown?.nextCursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.api.list(this.view, shown.nextCursor, this.view === 'due' ? this.filter() : {}).subscribe({
      next: (next) => {
        this.loadingMore.set(false);
        this.list.update((r) => ({ ...r, data: { ...next, items: [...(r.data?.items ?? []), ...next.items] } }));
      },
      error: (e: unknown) => {
        this.loadingMore.set(false);
        this.list.update((r) => ({ ...r, error: toApiError(e) }));
      },
    });
  }

  protected key(prefix: string, value: string): FollowUpsKey {
    return `${prefix}${value}` as FollowUpsKey;
  }

  /** A count in a sentence: `{n}`, and `{s}` for English plurals. */
  protected count(k: FollowUpsKey, n: number): string {
    return this.t(k, { n, s: n === 1 ? '' : 's' });
  }

  /** Back to every visit due: the filter a home's card set is dropped (from the address too). */
  protected clearFilter(): void {
    this.filter.set({});
    void this.router.navigate([], { queryParams: { overdue: null, station: null }, queryParamsHandling: 'merge', replaceUrl: true });
    this.load();
  }

  /** A visit the server answered with (a booked or cancelled time): its card shows it at once. */
  protected replace(v: FollowUpVisitDto): void {
    this.list.update((r) => (r.data ? { ...r, data: { ...r.data, items: r.data.items.map((x) => (x.id === v.id ? v : x)) } } : r));
  }

  /** The filtered station's name, from the rows shown (an admin's view). */
  protected stationName(): string | null {
    return this.filter().stationId ? (this.list().data?.items[0]?.stationName ?? null) : null;
  }

  protected isQueued(v: FollowUpVisitDto): boolean {
    return this.outbox.pending().some((p) => p.visitId === v.id);
  }

  protected start(v: FollowUpVisitDto): void {
    this.form = { state: 'done', visitedOn: chinaDate() };
    this.abstinence = null;
    this.basis = 'self_reported';
    this.error.set(null);
    this.editing.set(v.id);
  }

  protected async save(v: FollowUpVisitDto): Promise<void> {
    const dto: RecordVisitDto = {
      ...(this.form as RecordVisitDto),
      clientRef: crypto.randomUUID(),
      visitedOn: this.form.visitedOn ?? chinaDate(),
      ...(this.form.state === 'done' && this.abstinence ? { abstinence: { status: this.abstinence, basis: this.basis } } : {}),
    };
    if (dto.state !== 'done') {
      for (const k of [
        'contactMethod',
        'employmentStatus',
        'employerName',
        'employmentConfirmed',
        'incomeBand',
        'supportNeeds',
        'nextSteps',
      ] as const)
        delete dto[k];
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.outbox.submit(v.id, dto);
      this.editing.set(null);
      this.notice.set(result === 'sent' ? { type: 'success', text: this.t('saved') } : { type: 'warning', text: this.t('queued') });
      if (result === 'sent') this.load();
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async flush(): Promise<void> {
    const r = await this.outbox.flush();
    if (r.left && !r.sent && !r.refused) this.notice.set({ type: 'warning', text: this.t('stillOffline') });
  }

  /** After waiting visits went out: the offline notice gives way to 已发送, and the list is refreshed. */
  private flushed(r: FlushResult): void {
    this.notice.set(this.flushNotice(r));
    this.load();
  }

  /** 已发送 ✓ (Sent ✓) with how many; a refusal is a warning of its own. */
  private flushNotice(r: FlushResult): { type: 'success' | 'warning'; text: string; detail?: string } {
    const said = [r.sent ? this.count('sent', r.sent) : '', r.refused ? this.count('refused', r.refused) : ''].filter(Boolean);
    const detail = said.join(this.i18n.isEnglish() ? '; ' : '；');
    return r.sent ? { type: r.refused ? 'warning' : 'success', text: this.t('sentTick'), detail } : { type: 'warning', text: detail };
  }
}
