import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Subscription, forkJoin } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { TraineeFileStore } from '../../trainees/file/trainee-file-store';
import { MyOrganisation } from '../../trainees/my-organisation';
import { FoundForm } from '../lost-contacts/found-form';
import {
  type LostContactDto,
  type StationOptionDto,
  type StationTransferDto,
  SupervisionApi,
  TRANSFER_REASONS,
  type TransferReason,
} from './supervision-api';
import { SupervisionI18n } from './supervision-i18n';

interface CardState {
  readonly transfer: StationTransferDto | null;
  readonly lost: LostContactDto | null;
}

/**
 * In the trainee file's 状态与记录 tab, for the community station holding a released person: ask
 * another station to take them over (or withdraw the open request), and mark an open 失联 case found.
 * Renders nothing for anyone else (facility files, closed files, other organisations, admins).
 */
@Component({
  selector: 'jbh-transfer-card',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    FoundForm,
  ],
  template: `
    @if (shown()) {
      <section class="card" data-testid="transfer-card">
        <h3 class="section-title">{{ t('card.title') }}</h3>
        @if (state().error; as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" />
        } @else if (state().data; as s) {
          @if (s.lost; as lost) {
            <div class="lost" data-testid="lost-case">
              <p class="lost-head">
                <nz-tag nzColor="red">{{ t('lost.case') }}</nz-tag>
                <span>{{ t('lost.since', { date: date(lost.since) }) }}</span>
              </p>
              <p class="small">
                {{ t('lost.attempts', { n: lost.attempts }) }}
                @if (lost.escalated) {
                  · {{ t('lost.escalated') }}
                }
              </p>
              <button nz-button nzType="primary" type="button" class="wide" (click)="finding.set(true)" data-testid="card-found">
                <nz-icon nzType="check" />{{ t('lost.found') }}
              </button>
            </div>
          }

          @if (s.transfer; as tr) {
            <div class="open-transfer" data-testid="card-transfer">
              <p>
                <nz-tag nzColor="gold">{{ t('state.requested') }}</nz-tag>
                {{ t('card.open', { to: tr.toStationName, date: date(tr.requestedAt) }) }}
              </p>
              <p class="small muted">{{ t('tr.reasonLine', { reason: reasonName(tr.reason) }) }}</p>
              <button nz-button type="button" class="wide" [nzLoading]="busy()" (click)="cancel(tr)" data-testid="card-cancel">
                {{ t('tr.cancel') }}
              </button>
            </div>
          } @else if (!formOpen()) {
            <p class="muted">{{ t('card.intro') }}</p>
            <button nz-button type="button" class="wide" (click)="openForm()" data-testid="card-start">
              <nz-icon nzType="swap" />{{ t('card.start') }}
            </button>
          } @else {
            <form nz-form nzLayout="vertical" class="transfer-form" (ngSubmit)="request()" data-testid="transfer-form">
              <nz-form-item>
                <nz-form-label nzFor="transfer-station" nzRequired>{{ t('card.station') }}</nz-form-label>
                <nz-form-control>
                  @if (stations().data; as list) {
                    @if (list.length === 0) {
                      <nz-alert nzType="warning" nzShowIcon [nzMessage]="t('card.noStations')" data-testid="card-no-stations" />
                    } @else {
                      <nz-select
                        nzId="transfer-station"
                        name="station"
                        nzShowSearch
                        [nzOptionHeightPx]="isPhone() ? 48 : 32"
                        [nzDropdownClassName]="isPhone() ? 'touch-options' : null"
                        [nzPlaceHolder]="t('card.stationSearch')"
                        [ngModel]="stationId()"
                        (ngModelChange)="stationId.set($event)"
                        data-testid="transfer-station"
                      >
                        @for (o of list; track o.id) {
                          <nz-option [nzValue]="o.id" [nzLabel]="o.divisionName + ' · ' + o.name" />
                        }
                      </nz-select>
                    }
                  } @else if (stations().error; as err) {
                    <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" />
                  } @else {
                    <nz-spin nzSimple nzSize="small" />
                  }
                </nz-form-control>
              </nz-form-item>
              <nz-form-item>
                <nz-form-label nzRequired id="transfer-reason-label">{{ t('card.reason') }}</nz-form-label>
                <nz-form-control>
                  <nz-radio-group
                    class="touch-choices"
                    name="reason"
                    aria-labelledby="transfer-reason-label"
                    [ngModel]="reason()"
                    (ngModelChange)="reason.set($event)"
                  >
                    @for (r of reasons; track r) {
                      <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
                      <label nz-radio-button [nzValue]="r" [attr.data-testid]="'transfer-reason-' + r">{{ reasonName(r) }}</label>
                    }
                  </nz-radio-group>
                </nz-form-control>
              </nz-form-item>
              <nz-form-item>
                <nz-form-label nzFor="transfer-note">{{ t('card.note') }}</nz-form-label>
                <nz-form-control [nzExtra]="t('card.noteHint')">
                  <textarea
                    nz-input
                    id="transfer-note"
                    name="note"
                    rows="2"
                    maxlength="500"
                    [ngModel]="note()"
                    (ngModelChange)="note.set($event)"
                    data-testid="transfer-note"
                  ></textarea>
                </nz-form-control>
              </nz-form-item>
              @if (error(); as err) {
                <nz-alert
                  class="form-alert"
                  nzType="error"
                  nzShowIcon
                  [nzMessage]="errorText(err)"
                  role="alert"
                  data-testid="transfer-error"
                />
              }
              <div class="form-buttons">
                <button nz-button type="button" (click)="formOpen.set(false)">{{ t('card.close') }}</button>
                <button
                  nz-button
                  nzType="primary"
                  type="submit"
                  [disabled]="!stationId() || !reason()"
                  [nzLoading]="busy()"
                  data-testid="transfer-submit"
                >
                  {{ t('card.submit') }}
                </button>
              </div>
            </form>
          }
          @if (error() && !formOpen(); as err) {
            <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(error()!)" role="alert" />
          }

          <nz-modal
            [nzVisible]="finding()"
            [nzTitle]="t('found.title', { name: s.lost?.traineeName ?? '' })"
            [nzFooter]="null"
            (nzOnCancel)="finding.set(false)"
          >
            <ng-container *nzModalContent>
              @if (s.lost; as lost) {
                <jbh-found-form [lost]="lost" (saved)="onFound()" (cancelled)="finding.set(false)" />
              }
            </ng-container>
          </nz-modal>
        } @else {
          <nz-spin nzSimple nzSize="small" />
        }
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .card {
      margin-bottom: 20px;
      padding-top: 16px;
      border-top: 1px solid #f0f0f0;
    }
    .section-title {
      margin: 0 0 12px;
      font-size: 16px;
      font-weight: 600;
    }
    .lost {
      margin-bottom: 16px;
      padding: 12px 14px;
      border-radius: 8px;
      background: #fff1f0;
      border-left: 4px solid #cf1322;
    }
    .lost p,
    .open-transfer p {
      margin: 0 0 8px;
    }
    .lost-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      font-weight: 600;
    }
    .lost-head nz-tag {
      margin: 0;
    }
    .open-transfer {
      padding: 12px 14px;
      border-radius: 8px;
      background: #fffbe6;
      border-left: 4px solid #d48806;
    }
    .wide {
      min-height: 44px;
    }
    .transfer-form {
      max-width: 520px;
    }
    nz-select {
      width: 100%;
    }
    .form-alert {
      margin: 12px 0;
    }
    .form-buttons {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .form-buttons button {
      min-height: 44px;
    }
    /* Phones: every control a thumb's size (48 px); the choices' segments are in styles.css (touch-choices). */
    @media (max-width: 767.98px) {
      .wide,
      .form-buttons button {
        width: 100%;
        min-height: 48px;
      }
      .form-buttons {
        flex-direction: column-reverse;
      }
      nz-select.ant-select-single.ant-select {
        height: 48px;
        font-size: 16px;
      }
      textarea {
        min-height: 48px;
        font-size: 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferCard {
  readonly traineeId = input.required<string>();

  private readonly api = inject(SupervisionApi);
  private readonly i18n = inject(SupervisionI18n);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthStore);
  private readonly organisation = inject(MyOrganisation);
  private readonly store = inject(TraineeFileStore, { optional: true });
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly reasons = TRANSFER_REASONS;
  protected readonly isPhone = inject(Viewport).isPhone;

  /** Only the community station holding a released person (not admins, not facilities, not closed files). */
  protected readonly shown = computed(() => {
    const tr = this.store?.trainee().data;
    return (
      !!tr &&
      tr.id === this.traineeId() &&
      !tr.readOnly &&
      (tr.state === 'released' || tr.state === 'community') &&
      this.auth.role() === 'counsellor' &&
      this.organisation.type() === 'community_station'
    );
  });

  protected readonly state = signal<Remote<CardState>>(idle());
  protected readonly stations = signal<Remote<StationOptionDto[]>>(idle());
  protected readonly formOpen = signal(false);
  protected readonly stationId = signal<string | null>(null);
  protected readonly reason = signal<TransferReason | null>(null);
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly finding = signal(false);
  private inFlight: Subscription | null = null;

  constructor() {
    this.organisation.load();
    effect(() => {
      const shown = this.shown();
      const id = this.traineeId();
      untracked(() => {
        if (shown) this.load(id);
      });
    });
  }

  protected reasonName(r: TransferReason): string {
    return this.t(`reason.${r}`);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  private load(traineeId: string): void {
    this.inFlight?.unsubscribe();
    this.inFlight = loadInto(
      this.state,
      forkJoin({ transfer: this.api.openTransferOf(traineeId), lost: this.api.openLostContactOf(traineeId) }),
    );
  }

  protected openForm(): void {
    this.error.set(null);
    this.stationId.set(null);
    this.reason.set(null);
    this.note.set('');
    this.formOpen.set(true);
    if (!this.stations().data) loadInto(this.stations, this.api.stations());
  }

  protected request(): void {
    const toStationId = this.stationId();
    const reason = this.reason();
    if (!toStationId || !reason || this.busy()) return;
    const note = this.note().trim();
    this.busy.set(true);
    this.error.set(null);
    this.api.request({ traineeId: this.traineeId(), toStationId, reason, ...(note ? { note } : {}) }).subscribe({
      next: (transfer) => {
        this.busy.set(false);
        this.formOpen.set(false);
        this.state.update((s) => ({ ...s, data: { lost: s.data?.lost ?? null, transfer } }));
        this.message.success(this.t('tr.done.requested'));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected cancel(transfer: StationTransferDto): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.cancel(transfer.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.state.update((s) => ({ ...s, data: { lost: s.data?.lost ?? null, transfer: null } }));
        this.message.success(this.t('tr.done.cancelled'));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected onFound(): void {
    this.finding.set(false);
    this.state.update((s) => ({ ...s, data: { transfer: s.data?.transfer ?? null, lost: null } }));
    this.message.success(this.t('found.done'));
  }
}
