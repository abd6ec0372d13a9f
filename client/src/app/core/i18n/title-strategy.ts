import { Injectable, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { AppName } from './app-name';
import { I18n } from './i18n';

/** Route titles are translation keys; the page title follows the language and the discreet app name. */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly appName = inject(AppName);
  private lastKey: string | undefined;

  constructor() {
    super();
    effect(() => {
      this.i18n.lang();
      this.appName.name();
      this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.lastKey = this.buildTitle(snapshot);
    this.apply();
  }

  private apply(): void {
    const app = this.appName.name();
    const page = this.lastKey ? this.i18n.tryT(this.lastKey) : undefined;
    this.title.setTitle(page && page !== app ? `${page} · ${app}` : app);
  }
}
