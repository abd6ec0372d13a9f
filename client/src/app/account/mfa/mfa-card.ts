import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { AuthStore } from '../../core/auth/auth-store';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { MfaApi, type MfaStatusDto } from './mfa-api';
import { MfaI18n } from './mfa-i18n';

/** The account page's entry to two-step verification: on or off, and a link to set it up. Staff only. */
@Component({
  selector: 'jbh-mfa-card',
  imports: [RouterLink, NzCardModule, NzButtonModule],
  template: `
    @if (status().data; as st) {
      @if (st.offered) {
        <nz-card [nzTitle]="t('mfa.title')" class="mfa-card" data-testid="mfa-card">
          <p>
            <strong>{{ st.enrolled ? t('mfa.enabled') : t('mfa.disabled') }}</strong>
            @if (!st.enrolled) {
              · {{ st.required ? t('mfa.requiredNotice') : t('mfa.optionalNotice') }}
            }
          </p>
          <a nz-button nzSize="large" [nzType]="st.enrolled ? 'default' : 'primary'" routerLink="/account/mfa">{{ t('mfa.manage') }}</a>
        </nz-card>
      }
    }
  `,
  styles: '.mfa-card { margin-top: 16px; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaCard {
  private readonly api = inject(MfaApi);
  protected readonly t = inject(MfaI18n).t;
  protected readonly status = signal<Remote<MfaStatusDto>>(idle());

  constructor() {
    // Trainees and employers are not offered a second factor (the route would answer 403).
    if (!inject(AuthStore).hasRole('trainee', 'employer')) loadInto(this.status, this.api.status());
  }
}
