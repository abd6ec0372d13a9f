import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { I18n } from '../core/i18n/i18n';
import { appIconProviders } from '../core/icons';
import { Brand } from '../shared/brand';
import { LangToggle } from '../shared/lang-toggle';

@Component({
  selector: 'jbh-not-found',
  imports: [RouterLink, NzResultModule, NzButtonModule, Brand, LangToggle],
  template: `
    <div class="auth-page">
      <header class="auth-top">
        <a routerLink="/" class="auth-brand-link"><jbh-brand /></a>
        <jbh-lang-toggle type="default" />
      </header>
      <main class="auth-main" data-testid="not-found">
        <nz-result nzStatus="404" [nzTitle]="t('notFound.title')" [nzSubTitle]="t('notFound.body')">
          <div nz-result-extra>
            <a nz-button nzType="primary" nzSize="large" routerLink="/">{{ t('notFound.home') }}</a>
          </div>
        </nz-result>
      </main>
    </div>
  `,
  providers: [appIconProviders()],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {
  protected readonly t = inject(I18n).t;
}
