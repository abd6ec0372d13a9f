import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, catchError, debounceTime, forkJoin, map, of, switchMap } from 'rxjs';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { chinaDate } from '../../shared/china-date';
import { TraineesI18n } from '../trainees-i18n';
import {
  BULK_ENROL_MAX,
  type BulkApplyResultDto,
  type BulkEnrolResultDto,
  type ClassDto,
  type CourseSessionDto,
  type LearningTarget,
  TraineeLearningApi,
} from './trainee-learning-api';

export interface EnrolOption {
  readonly value: string;
  readonly label: string;
  readonly hint: string;
}

/** Options the picker asks the server for at a time; beyond them the user searches (`q`). */
export const PICKER_PAGE_SIZE = 50;

/** The open classes (not ended) as picker options, soonest start first. */
export function classOptions(classes: readonly ClassDto[], today: string, seatsLeft: (n: number) => string): EnrolOption[] {
  return classes
    .filter((c) => c.endsOn >= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name))
    .map((c) => ({
      value: c.id,
      label: `${c.name} · ${c.programmeName}`,
      hint: `${c.startsOn} · ${seatsLeft(c.capacity - c.seatsTaken)}`,
    }));
}

/** The open sessions as picker options (the server sends them soonest first). */
export function sessionOptions(sessions: readonly CourseSessionDto[], seatsLeft: (n: number) => string): EnrolOption[] {
  return sessions.map((s) => ({
    value: s.id,
    label: `${s.courseTitle} · ${s.startsOn}`,
    hint: seatsLeft(s.capacity - s.seatsTaken),
  }));
}

type Result =
  | { readonly kind: 'single'; readonly text: string }
  | { readonly kind: 'session'; readonly result: BulkEnrolResultDto }
  | { readonly kind: 'class'; readonly result: BulkApplyResultDto };

/**
 * Enrols one person (their file) or a caseload selection into an open skills session or diploma
 * class. One person goes through the single endpoints; a selection through the bulk ones (one
 * transaction; each person's outcome is listed).
 */
@Component({
  selector: 'jbh-enrol-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzRadioModule, NzSelectModule, NzSpinModule, NzTagModule],
  template: `
    <div class="enrol-form" data-testid="enrol-form">
      @if (result(); as r) {
        <div class="enrol-result" data-testid="enrol-result" role="status">
          @if (r.kind === 'single') {
            <nz-alert nzType="success" nzShowIcon [nzMessage]="r.text" />
          } @else {
            <nz-alert
              nzType="success"
              nzShowIcon
              [nzMessage]="r.kind === 'session' ? t('learn.result.session', counts(r)) : t('learn.result.class', counts(r))"
            />
            <ul class="result-list">
              @for (item of r.result.items; track item.traineeId) {
                <li data-testid="enrol-result-item">
                  <span>{{ item.traineeName }}</span>
                  <nz-tag [nzColor]="outcomeColor(item.outcome)">{{ outcomeText(item) }}</nz-tag>
                </li>
              }
            </ul>
          }
          <div class="form-actions">
            <button nz-button nzType="primary" type="button" (click)="done.emit()" data-testid="enrol-done">{{ t('common.close') }}</button>
          </div>
        </div>
      } @else {
        @if (tooMany()) {
          <nz-alert nzType="warning" nzShowIcon [nzMessage]="t('learn.tooMany', { max: max })" data-testid="enrol-too-many" />
        }
        <fieldset class="enrol-track">
          <legend class="muted small">{{ t('learn.track') }}</legend>
          <nz-radio-group [ngModel]="kind()" (ngModelChange)="pickKind($event)" data-testid="enrol-kind">
            <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio renders its input inside the label -->
            <label nz-radio-button nzValue="session">{{ t('learn.track.session') }}</label>
            <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio renders its input inside the label -->
            <label nz-radio-button nzValue="class">{{ t('learn.track.class') }}</label>
          </nz-radio-group>
        </fieldset>
        @if (loading()) {
          <nz-spin class="card-spin" />
        } @else if (options().length === 0 && !term()) {
          <p class="muted" data-testid="enrol-none">{{ t('learn.noOpen') }}</p>
        } @else {
          <nz-select
            class="enrol-select"
            nzShowSearch
            nzServerSearch
            [nzLoading]="searching()"
            (nzOnSearch)="search($event)"
            [nzPlaceHolder]="kind() === 'class' ? t('learn.pickClass') : t('learn.pickSession')"
            [ngModel]="targetId()"
            (ngModelChange)="targetId.set($event)"
            [attr.aria-label]="t('learn.pick')"
            data-testid="enrol-target"
          >
            @for (o of options(); track o.value) {
              <nz-option nzCustomContent [nzValue]="o.value" [nzLabel]="o.label">
                <div>{{ o.label }}</div>
                <div class="muted small">{{ o.hint }}</div>
              </nz-option>
            }
          </nz-select>
          @if (total() > options().length) {
            <!-- More match than the picker shows: the total says so, and typing searches them all on the server. -->
            <p class="muted small enrol-more" data-testid="enrol-more">
              {{ t('learn.moreMatches', { total: total(), n: options().length }) }}
            </p>
          }
        }
        <p class="muted small enrol-note">{{ kind() === 'class' ? t('learn.classNote') : t('learn.sessionNote') }}</p>
        @if (error(); as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" data-testid="enrol-error" />
        }
        <div class="form-actions">
          <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
          <button
            nz-button
            nzType="primary"
            type="button"
            [disabled]="!targetId() || tooMany()"
            [nzLoading]="saving()"
            (click)="submit()"
            data-testid="enrol-submit"
          >
            {{ t('learn.submit') }}
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .enrol-form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .enrol-track {
      border: 0;
      margin: 0;
      padding: 0;
    }
    .enrol-select {
      width: 100%;
    }
    .enrol-note,
    .enrol-more {
      margin: 0;
    }
    .result-list {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      max-height: 40vh;
      overflow: auto;
    }
    .result-list li {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .form-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnrolForm {
  /** Who is enrolled: one person (from their file) or a caseload selection. */
  readonly trainees = input.required<readonly { id: string; fullName: string }[]>();
  /** Single mode uses the one-person endpoints (and their messages); bulk the bulk ones. */
  readonly bulk = input(false);
  readonly done = output<void>();
  readonly cancelled = output<void>();
  /** After a successful enrolment (the file reloads its lists). */
  readonly enrolled = output<LearningTarget>();

  private readonly api = inject(TraineeLearningApi);
  protected readonly i18n = inject(TraineesI18n);
  protected readonly t = this.i18n.t;
  protected readonly max = BULK_ENROL_MAX;

  protected readonly kind = signal<'session' | 'class'>('session');
  protected readonly targetId = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly result = signal<Result | null>(null);
  /** The current search's options of each track, and how many match in all (the server pages them). */
  private readonly found = signal<Record<'session' | 'class', { options: EnrolOption[]; total: number }>>({
    session: { options: [], total: 0 },
    class: { options: [], total: 0 },
  });
  protected readonly options = computed(() => this.found()[this.kind()].options);
  protected readonly total = computed(() => this.found()[this.kind()].total);
  protected readonly term = signal('');
  protected readonly searching = signal(false);
  protected readonly tooMany = computed(() => this.trainees().length > BULK_ENROL_MAX);
  private readonly searches = new Subject<string>();
  private readonly seats = (n: number) => (n > 0 ? this.t('learn.seatsLeft', { n }) : this.t('learn.full'));

  constructor() {
    forkJoin([this.api.openSessions('', 1, PICKER_PAGE_SIZE), this.api.openClasses('', 1, PICKER_PAGE_SIZE)]).subscribe({
      next: ([sessions, classes]) => {
        this.found.set({
          session: { options: sessionOptions(sessions.items, this.seats), total: sessions.total },
          class: { options: classOptions(classes.items, chinaDate(new Date()), this.seats), total: classes.total },
        });
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.loading.set(false);
      },
    });
    this.searches
      .pipe(
        debounceTime(300),
        switchMap((q) => {
          const kind = this.kind();
          this.searching.set(true);
          const page =
            kind === 'class'
              ? this.api
                  .openClasses(q, 1, PICKER_PAGE_SIZE)
                  .pipe(map((p) => ({ options: classOptions(p.items, chinaDate(new Date()), this.seats), total: p.total })))
              : this.api
                  .openSessions(q, 1, PICKER_PAGE_SIZE)
                  .pipe(map((p) => ({ options: sessionOptions(p.items, this.seats), total: p.total })));
          return page.pipe(
            map((found) => ({ kind, ...found })),
            // A failed search says so and leaves the picker working for the next one.
            catchError((err: unknown) => {
              this.error.set(toApiError(err));
              return of(null);
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((found) => {
        this.searching.set(false);
        if (!found) return;
        // Keep the chosen option listed, so the select still shows its name after a new search.
        const chosen = this.options().find((o) => o.value === this.targetId());
        const kept = chosen && !found.options.some((o) => o.value === chosen.value) ? [chosen, ...found.options] : found.options;
        this.found.update((all) => ({ ...all, [found.kind]: { options: kept, total: found.total } }));
      });
  }

  /** Searches the open classes or sessions on the server (the picker shows one page of them). */
  protected search(q: string): void {
    this.term.set(q.trim());
    this.searches.next(q.trim());
  }

  protected pickKind(kind: 'session' | 'class'): void {
    this.kind.set(kind);
    this.targetId.set(null);
    this.error.set(null);
    if (this.term()) this.search('');
  }

  protected counts(r: Result): Record<string, number> {
    if (r.kind === 'session') return { enrolled: r.result.enrolled, waitlisted: r.result.waitlisted, already: r.result.already };
    if (r.kind === 'class') return { applied: r.result.applied, already: r.result.already, otherClass: r.result.otherClass };
    return {};
  }

  protected outcomeColor(outcome: string): string {
    return outcome === 'enrolled' || outcome === 'applied' ? 'green' : outcome === 'waitlisted' ? 'orange' : 'default';
  }

  protected outcomeText(item: { outcome: string; otherClassName?: string | null }): string {
    return this.t(`learn.out.${item.outcome}` as 'learn.out.enrolled', { name: item.otherClassName ?? '' });
  }

  protected submit(): void {
    const id = this.targetId();
    if (!id || this.saving()) return;
    const target: LearningTarget = { kind: this.kind(), id };
    const ids = this.trainees().map((p) => p.id);
    this.saving.set(true);
    this.error.set(null);
    const fail = (err: unknown) => {
      this.saving.set(false);
      this.error.set(toApiError(err));
    };
    const ok = (r: Result) => {
      this.saving.set(false);
      this.result.set(r);
      this.enrolled.emit(target);
    };
    if (!this.bulk() && ids.length === 1) {
      if (target.kind === 'class') {
        this.api.applyToClass(id, ids[0]!).subscribe({ next: () => ok({ kind: 'single', text: this.t('learn.applied') }), error: fail });
      } else {
        this.api.enrolInSession(id, ids[0]!).subscribe({
          next: (e) =>
            ok({
              kind: 'single',
              text: e.state === 'waitlisted' ? this.t('learn.waitlisted', { n: e.waitlistPosition ?? '' }) : this.t('learn.enrolled'),
            }),
          error: fail,
        });
      }
    } else if (target.kind === 'class') {
      this.api.applyManyToClass(id, ids).subscribe({ next: (result) => ok({ kind: 'class', result }), error: fail });
    } else {
      this.api.enrolManyInSession(id, ids).subscribe({ next: (result) => ok({ kind: 'session', result }), error: fail });
    }
  }
}
