import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18n } from '../core/i18n/i18n';

/** One button that switches between 中文 and English; it is labelled in the language it switches to. */
@Component({
  selector: 'jbh-lang-toggle',
  imports: [NzButtonModule, NzIconModule],
  template: `
    <button
      nz-button
      [nzType]="type()"
      [nzSize]="size()"
      type="button"
      (click)="switchLanguage()"
      [attr.lang]="i18n.isEnglish() ? 'zh-CN' : 'en'"
      [attr.aria-label]="i18n.t('lang.label') + ': ' + i18n.t('lang.other')"
    >
      <nz-icon nzType="global" />
      {{ i18n.t('lang.other') }}
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LangToggle {
  readonly type = input<'default' | 'text' | 'link'>('text');
  readonly size = input<'default' | 'large' | 'small'>('default');
  protected readonly i18n = inject(I18n);

  protected switchLanguage(): void {
    void this.i18n.toggle();
  }
}
