import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { chinaDate } from '../../shared/china-date';
import { CONTACT_METHODS, type ContactMethod, type LostContactDto, SupervisionApi } from '../transfers/supervision-api';
import { SupervisionI18n } from '../transfers/supervision-i18n';

/** "已找到": the day the person was reached again and how (the case then closes). */
@Component({
  selector: 'jbh-found-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzRadioModule],
  template: `
    <form nz-form nzLayout="vertical" (ngSubmit)="save()" data-testid="found-form">
      <nz-form-item>
        <nz-form-label nzFor="found-on" nzRequired>{{ t('found.on') }}</nz-form-label>
        <nz-form-control [nzExtra]="t('found.onHint', { date: date(lost().since) })">
          <input
            nz-input
            id="found-on"
            type="date"
            name="foundOn"
            [min]="lost().since"
            [max]="today"
            [ngModel]="foundOn()"
            (ngModelChange)="foundOn.set($event)"
            data-testid="found-on"
          />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzRequired id="found-method-label">{{ t('found.method') }}</nz-form-label>
        <nz-form-control>
          <nz-radio-group
            class="touch-choices"
            name="method"
            aria-labelledby="found-method-label"
            [ngModel]="method()"
            (ngModelChange)="method.set($event)"
          >
            @for (m of methods; track m) {
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio-button renders its input inside the label -->
              <label nz-radio-button [nzValue]="m" [attr.data-testid]="'found-method-' + m">{{ methodName(m) }}</label>
            }
          </nz-radio-group>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="found-note">{{ t('found.note') }}</nz-form-label>
        <nz-form-control>
          <textarea
            nz-input
            id="found-note"
            name="note"
            rows="2"
            maxlength="500"
            [ngModel]="note()"
            (ngModelChange)="note.set($event)"
            data-testid="found-note"
          ></textarea>
        </nz-form-control>
      </nz-form-item>
      @if (error(); as err) {
        <nz-alert class="form-alert" nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="found-error" />
      }
      <div class="form-buttons">
        <button nz-button type="button" (click)="cancelled.emit()">{{ t('found.cancel') }}</button>
        <button nz-button nzType="primary" type="submit" [disabled]="!valid()" [nzLoading]="saving()" data-testid="found-save">
          {{ t('found.save') }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .form-alert {
      margin-bottom: 12px;
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
      .form-buttons button,
      input[nz-input],
      textarea[nz-input] {
        min-height: 48px;
        font-size: 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FoundForm {
  readonly lost = input.required<LostContactDto>();
  readonly saved = output<LostContactDto>();
  readonly cancelled = output();

  private readonly api = inject(SupervisionApi);
  private readonly i18n = inject(SupervisionI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly methods = CONTACT_METHODS;
  // China's today, as the server counts it: it refuses a later day (the phone's calendar may be a day off).
  protected readonly today = chinaDate();
  protected readonly foundOn = signal(this.today);
  protected readonly method = signal<ContactMethod | null>(null);
  protected readonly note = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly valid = computed(() => {
    const day = this.foundOn();
    return !!day && !!this.method() && day >= this.lost().since && day <= this.today;
  });

  protected methodName(m: ContactMethod): string {
    return this.t(`method.${m}`);
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected save(): void {
    const method = this.method();
    if (!this.valid() || !method) return;
    const note = this.note().trim();
    this.saving.set(true);
    this.error.set(null);
    this.api.found(this.lost().id, { foundOn: this.foundOn(), contactMethod: method, ...(note ? { note } : {}) }).subscribe({
      next: (c) => {
        this.saving.set(false);
        this.saved.emit(c);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
