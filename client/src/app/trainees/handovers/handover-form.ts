import { ChangeDetectionStrategy, Component, type OnInit, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { TraineesI18n } from '../trainees-i18n';
import type { HandoverDto, StationSuggestionDto, TraineeDto } from '../trainees-types';
import { HandoversApi } from './handovers-api';

/**
 * Prepares a handover from the trainee's file: the station of the home division is suggested (the
 * server has no station list for counsellors yet, so the suggestion is the choice), and the release
 * date starts at the expected one.
 */
@Component({
  selector: 'jbh-handover-form',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzFormModule, NzIconModule, NzInputModule, NzSpinModule],
  template: `
    <form nz-form nzLayout="vertical" (ngSubmit)="create()" data-testid="handover-form">
      <p class="muted">{{ t('hoForm.intro') }}</p>
      <nz-form-item>
        <nz-form-label>{{ t('hoForm.station') }}</nz-form-label>
        @if (suggestion().error; as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" />
        } @else if (suggestion().data; as s) {
          @if (s.organisationId) {
            <div class="station" data-testid="handover-station">
              <strong>{{ s.organisationName }}</strong>
              <span class="muted small">{{ t('hoForm.suggested', { division: s.divisionName }) }}</span>
            </div>
          } @else {
            <nz-alert
              nzType="warning"
              nzShowIcon
              [nzMessage]="t('hoForm.noStation', { division: s.divisionName })"
              data-testid="handover-no-station"
            />
          }
        } @else {
          <nz-spin nzSimple nzSize="small" />
        }
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="handover-release" nzRequired>{{ t('hoForm.releaseDate') }}</nz-form-label>
        <nz-form-control>
          <input
            nz-input
            id="handover-release"
            type="date"
            name="releaseDate"
            [ngModel]="releaseDate()"
            (ngModelChange)="releaseDate.set($event)"
            data-testid="handover-release-date"
          />
        </nz-form-control>
      </nz-form-item>
      @if (error(); as err) {
        <nz-alert
          class="form-alert"
          nzType="error"
          nzShowIcon
          [nzMessage]="errorText(err)"
          [nzDescription]="openHint"
          role="alert"
          data-testid="handover-error"
        />
        <ng-template #openHint>
          @if (err.code === 'HANDOVER_OPEN') {
            <a routerLink="/handovers" (click)="cancelled.emit()">{{ t('ho.title') }} <nz-icon nzType="right" /></a>
          }
        </ng-template>
      }
      <div class="form-actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('common.cancel') }}</button>
        <button
          nz-button
          nzType="primary"
          type="submit"
          [disabled]="!suggestion().data?.organisationId || !releaseDate()"
          [nzLoading]="saving()"
          data-testid="handover-create"
        >
          {{ t('hoForm.create') }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .station {
      display: flex;
      flex-direction: column;
      padding: 8px 12px;
      border-radius: 6px;
      background: #f6ffed;
      border: 1px solid #b7eb8f;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverForm implements OnInit {
  readonly trainee = input.required<TraineeDto>();
  readonly created = output<HandoverDto>();
  readonly cancelled = output();

  private readonly api = inject(HandoversApi);
  private readonly i18n = inject(TraineesI18n);
  protected readonly t = this.i18n.t;
  protected readonly suggestion = signal<Remote<StationSuggestionDto>>(idle());
  protected readonly releaseDate = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    const trainee = this.trainee();
    this.releaseDate.set(trainee.expectedReleaseOn);
    loadInto(this.suggestion, this.api.suggestedStation(trainee.id));
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected create(): void {
    const station = this.suggestion().data?.organisationId;
    if (!station || !this.releaseDate()) return;
    this.saving.set(true);
    this.error.set(null);
    this.api.create({ traineeId: this.trainee().id, toOrganisationId: station, releaseDate: this.releaseDate() }).subscribe({
      next: (handover) => {
        this.saving.set(false);
        this.created.emit(handover);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
