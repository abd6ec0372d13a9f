import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { AppName } from '../core/i18n/app-name';
import { I18n } from '../core/i18n/i18n';

/** The product mark (金不换, or 技能与就业 where discretion is due: see AppName) and, unless `compact`, the motto. */
@Component({
  selector: 'jbh-brand',
  template: `
    <span class="brand-mark" aria-hidden="true">{{ appName.mark() }}</span>
    <span class="brand-text">
      <span class="brand-name">{{ appName.name() }}</span>
      @if (!compact()) {
        <span class="brand-motto">{{ t('app.motto') }}</span>
      }
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      min-width: 0;
      color: inherit;
    }
    .brand-mark {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 9px;
      background: #8a5300;
      color: #fff;
      font-size: 20px;
      font-weight: 600;
      line-height: 1;
    }
    .brand-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      line-height: 1.25;
    }
    .brand-name {
      font-size: 18px;
      font-weight: 600;
      letter-spacing: 0.05em;
    }
    .brand-motto {
      font-size: 12px;
      opacity: 0.75;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Brand {
  readonly compact = input(false);
  protected readonly t = inject(I18n).t;
  protected readonly appName = inject(AppName);
}
