import { Injectable, Injector, computed, inject } from '@angular/core';
import { AuthStore } from '../auth/auth-store';
import { I18n } from './i18n';

/**
 * The name the frame shows. 金不换 comes from 浪子回头金不换: the product's name is the programme's name,
 * and on a trainee's phone — shown to an employer or to family — or on the sign-in page of a shared
 * phone it says where someone has been. There the frame says 技能与就业 / Skills & Jobs; staff and
 * employers, who know the programme, see its name.
 */
@Injectable({ providedIn: 'root' })
export class AppName {
  // The auth store is looked up when the name is first read, not injected: the title strategy needs this
  // service and the router needs the title strategy, while the auth store needs the router.
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);

  readonly discreet = computed(() => {
    const role = this.injector.get(AuthStore).role();
    return role === null || role === 'trainee';
  });
  readonly name = computed(() => this.i18n.t(this.discreet() ? 'app.discreetName' : 'app.name'));
  /** The one character on the brand's badge. */
  readonly mark = computed(() => (this.discreet() ? '技' : '金'));
}
