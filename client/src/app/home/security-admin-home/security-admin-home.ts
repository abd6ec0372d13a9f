import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { PermissionsI18n } from '../../admin/permissions/permissions-i18n';
import { AuthStore } from '../../core/auth/auth-store';

/** 安全管理员's home: what the role does (三权分立) and the way to the permissions page. Loads nothing. */
@Component({
  selector: 'jbh-security-admin-home',
  imports: [RouterLink, NzCardModule, NzButtonModule, NzIconModule],
  template: `
    <div class="page" data-testid="home-security_admin">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('perm.home.title') }}</h1>
          <p class="page-subtitle">{{ t('home.greeting', { name: user()?.displayName ?? '' }) }}</p>
        </div>
      </header>
      <nz-card>
        <p>{{ t('perm.home.duty') }}</p>
        <a nz-button nzType="primary" routerLink="/admin/permissions" data-testid="go-permissions">
          <nz-icon nzType="key" />{{ t('perm.home.go') }}
        </a>
      </nz-card>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityAdminHome {
  protected readonly t = inject(PermissionsI18n).t;
  protected readonly user = inject(AuthStore).user;
}
