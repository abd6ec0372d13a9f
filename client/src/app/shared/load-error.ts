import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import type { ApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';

/** A failed load: the server's message in the current language, the request id, and a retry button. */
@Component({
  selector: 'jbh-load-error',
  imports: [NzAlertModule, NzButtonModule],
  template: `
    <nz-alert
      nzType="error"
      nzShowIcon
      [nzMessage]="t('common.loadFailed')"
      [nzDescription]="description"
      [nzAction]="action"
      role="alert"
    />
    <ng-template #description>
      {{ message() }}
      @if (error().requestId; as id) {
        <span class="request-id">{{ t('error.requestId', { id }) }}</span>
      }
    </ng-template>
    <ng-template #action>
      <button nz-button nzSize="small" type="button" (click)="retry.emit()">{{ t('common.retry') }}</button>
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
      margin: 12px 0;
    }
    .request-id {
      display: block;
      font-size: 12px;
      opacity: 0.7;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  private readonly i18n = inject(I18n);
  readonly error = input.required<ApiError>();
  readonly retry = output();
  protected readonly t = this.i18n.t;
  protected readonly message = computed(() => this.i18n.errorMessage(this.error()));
}
