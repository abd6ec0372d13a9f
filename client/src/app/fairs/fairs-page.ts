import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { forkJoin } from 'rxjs';
import type { OrganisationDto, OrganisationType } from '../core/api/api-types';
import { ApiClient } from '../core/api/generated/api-client';
import { organisationsControllerList } from '../core/api/generated/fn/organisations/organisations-controller-list';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { required } from '../shared/form-validators';
import { ListSkeleton } from '../shared/list-skeleton';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { FairsApi } from './fairs-api';
import { FairsI18n } from './fairs-i18n';
import type { FairDto, FairState } from './fairs-types';

export const FAIR_STATE_COLOR: Record<FairState, string> = { draft: 'default', published: 'green', closed: 'default', cancelled: 'red' };

function endsAfterStart(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { startsAt?: string; endsAt?: string };
  return v.startsAt && v.endsAt && v.endsAt <= v.startsAt ? { timeOrder: true } : null;
}

/** `/fairs`: upcoming and past fairs; admins create them here. */
@Component({
  selector: 'jbh-fairs-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  template: `
    <div class="page" data-testid="fairs-page">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('fairs.title') }}</h1>
          <p class="page-subtitle">{{ t('fairs.subtitle') }}</p>
        </div>
        @if (isAdmin()) {
          <button nz-button nzType="primary" type="button" (click)="openCreate()" data-testid="create-fair">
            <nz-icon nzType="plus" />{{ t('fairs.create') }}
          </button>
        }
      </header>
      @if (month(); as m) {
        <p class="month-chip" data-testid="fairs-month">
          <strong>{{ t('fairs.month', { month: m }) }}</strong>
          <button nz-button nzType="link" type="button" (click)="allMonths()">{{ t('fairs.allMonths') }}</button>
        </p>
      }
      @if (fairs().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (fairs().data; as list) {
        <div class="fair-grid">
          @for (f of list; track f.id) {
            <nz-card class="fair-card" data-testid="fair-card">
              <div class="fair-head">
                <a [routerLink]="['/fairs', f.id]" class="fair-title">{{ f.title }}</a>
                <nz-tag [nzColor]="stateColor[f.state]">{{ stateLabel(f.state) }}</nz-tag>
              </div>
              <p class="fair-when">
                <nz-icon nzType="calendar" /> {{ t('fairs.when', { date: date(f.fairDate), from: f.startsAt, to: f.endsAt }) }}
              </p>
              <p class="muted">
                <nz-icon nzType="environment" />
                {{ f.venueName ? t('fairs.whereStaff', { venue: f.venueName, city: f.cityName }) : t('fairs.where', { city: f.cityName }) }}
              </p>
              <p class="muted facts">
                <span>{{ t('fairs.booths', { taken: f.boothsTaken, capacity: f.boothCapacity }) }}</span>
                @if (isStaff()) {
                  <span>{{ t('fairs.registered', { n: f.registered }) }}</span>
                }
                @if (f.registrationDeadline) {
                  <span>{{ t('fairs.deadline', { date: date(f.registrationDeadline) }) }}</span>
                }
              </p>
              @if (f.programme.length) {
                <p class="employers">{{ employerNames(f) }}</p>
              }
              <a nz-button nzType="primary" [routerLink]="['/fairs', f.id]" data-testid="fair-open">{{ t('fairs.open') }}</a>
            </nz-card>
          } @empty {
            <nz-card><nz-empty [nzNotFoundContent]="t('fairs.none')" /></nz-card>
          }
        </div>
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="3" />
      }
    </div>
    <nz-modal
      [nzVisible]="creating()"
      [nzTitle]="t('fairs.create')"
      [nzFooter]="null"
      [nzWidth]="600"
      [nzMaskClosable]="false"
      (nzOnCancel)="creating.set(false)"
    >
      <ng-container *nzModalContent>
        <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="create()" novalidate data-testid="fair-form">
          <nz-form-item>
            <nz-form-label nzFor="fair-title" nzRequired>{{ t('form.title') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="t('form.required')">
              <input nz-input id="fair-title" formControlName="title" maxlength="80" />
            </nz-form-control>
          </nz-form-item>
          <div class="form-row">
            <nz-form-item>
              <nz-form-label nzFor="fair-date" nzRequired>{{ t('form.date') }}</nz-form-label>
              <nz-form-control [nzErrorTip]="t('form.required')">
                <input nz-input id="fair-date" type="date" formControlName="fairDate" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item>
              <nz-form-label nzFor="fair-start" nzRequired>{{ t('form.startsAt') }}</nz-form-label>
              <nz-form-control [nzErrorTip]="t('form.required')">
                <input nz-input id="fair-start" type="time" formControlName="startsAt" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item>
              <nz-form-label nzFor="fair-end" nzRequired>{{ t('form.endsAt') }}</nz-form-label>
              <nz-form-control [nzErrorTip]="t('form.required')">
                <input nz-input id="fair-end" type="time" formControlName="endsAt" />
              </nz-form-control>
            </nz-form-item>
          </div>
          @if (form.hasError('timeOrder')) {
            <p class="hint-warning" role="alert">{{ t('form.timeOrder') }}</p>
          }
          <nz-form-item>
            <nz-form-label nzFor="fair-venue" nzRequired>{{ t('form.venue') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="t('form.required')" [nzExtra]="t('form.venueHelp')">
              <nz-select nzId="fair-venue" formControlName="venueOrganisationId" nzShowSearch>
                @for (v of venues(); track v.id) {
                  <nz-option [nzValue]="v.id" [nzLabel]="v.name" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
          <div class="form-row">
            <nz-form-item>
              <nz-form-label nzFor="fair-capacity" nzRequired>{{ t('form.capacity') }}</nz-form-label>
              <nz-form-control [nzErrorTip]="t('form.required')">
                <input nz-input id="fair-capacity" type="number" min="1" max="200" formControlName="boothCapacity" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item>
              <nz-form-label nzFor="fair-deadline">{{ t('form.deadline') }}</nz-form-label>
              <nz-form-control>
                <input nz-input id="fair-deadline" type="date" formControlName="registrationDeadline" />
              </nz-form-control>
            </nz-form-item>
          </div>
          <nz-form-item>
            <nz-form-label nzFor="fair-description">{{ t('form.description') }}</nz-form-label>
            <nz-form-control>
              <textarea nz-input id="fair-description" rows="3" formControlName="description" maxlength="1000"></textarea>
            </nz-form-control>
          </nz-form-item>
          @if (error(); as err) {
            <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
          }
          <div class="form-actions">
            <button nz-button type="button" (click)="creating.set(false)">{{ t('common.cancel') }}</button>
            <button nz-button nzType="primary" type="submit" [nzLoading]="submitting()">{{ t('common.save') }}</button>
          </div>
        </form>
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .month-chip {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 12px;
    }
    .fair-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 16px;
    }
    .fair-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 8px;
    }
    .fair-title {
      font-size: 17px;
      font-weight: 600;
    }
    .fair-when {
      margin: 8px 0 4px;
      font-size: 15px;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .employers {
      color: #555;
    }
    .form-row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      gap: 0 12px;
    }
    .form-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .form-alert {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FairsPage {
  private readonly api = inject(FairsApi);
  private readonly client = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(FairsI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly stateColor = FAIR_STATE_COLOR;
  protected readonly fairs = signal<Remote<FairDto[]>>(idle());
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly isStaff = computed(() => this.auth.role() === 'admin' || this.auth.role() === 'counsellor');
  protected readonly creating = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly venues = signal<OrganisationDto[]>([]);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      title: ['', [required, Validators.minLength(4)]],
      fairDate: ['', required],
      startsAt: ['09:00', required],
      endsAt: ['16:00', required],
      venueOrganisationId: ['', required],
      boothCapacity: this.fb.control<number>(10, [required, Validators.min(1), Validators.max(200)]),
      registrationDeadline: [''],
      description: [''],
    },
    { validators: endsAfterStart },
  );

  /** From the admin home's card (?month=YYYY-MM): only the fairs held that month. */
  protected readonly month = signal<string | null>(this.monthAsked());

  constructor() {
    this.load();
  }

  load(): void {
    loadInto(this.fairs, this.api.list(this.month() ?? undefined));
  }

  protected allMonths(): void {
    this.month.set(null);
    void this.router.navigate([], { queryParams: { month: null }, queryParamsHandling: 'merge', replaceUrl: true });
    this.load();
  }

  private monthAsked(): string | null {
    const m = inject(ActivatedRoute).snapshot.queryParamMap.get('month');
    return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
  }

  protected stateLabel(state: FairState): string {
    return this.t(`state.${state}`);
  }

  protected employerNames(f: FairDto): string {
    return f.programme.map((b) => b.employerName).join('、');
  }

  protected openCreate(): void {
    this.creating.set(true);
    if (this.venues().length) return;
    const page = (type: OrganisationType) => this.client.invoke(organisationsControllerList, { type, page: 1, pageSize: 100 });
    forkJoin([page('facility'), page('community_station')]).subscribe({
      next: ([a, b]) => this.venues.set([...a.items, ...b.items]),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected create(): void {
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity();
      }
      return;
    }
    const v = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.api
      .create({
        title: v.title,
        fairDate: v.fairDate,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        venueOrganisationId: v.venueOrganisationId,
        boothCapacity: Number(v.boothCapacity),
        ...(v.registrationDeadline ? { registrationDeadline: v.registrationDeadline } : {}),
        ...(v.description ? { description: v.description } : {}),
      })
      .subscribe({
        next: (f) => {
          this.submitting.set(false);
          this.creating.set(false);
          void this.router.navigate(['/fairs', f.id]);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.error.set(toApiError(err));
        },
      });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
