import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ActivateI18n } from './activate-i18n';

/** The sign-in page's link to the activation page, for someone holding a code from release day. */
@Component({
  selector: 'jbh-activate-link',
  imports: [RouterLink],
  template: `<a routerLink="/activate" class="activate-link" data-testid="activate-link">{{ i18n.t('activate.link') }}</a>`,
  styles: `
    :host {
      display: block;
      margin-top: 8px;
      text-align: center;
    }
    .activate-link {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      font-size: 15px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivateLink {
  protected readonly i18n = inject(ActivateI18n);
}
