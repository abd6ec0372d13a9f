import { DOCUMENT } from '@angular/common';
import { DestroyRef, effect, inject, Injectable } from '@angular/core';
import { I18n } from '../i18n/i18n';

/** ng-zorro's pager inputs that come without a name, and what they are called. */
const UNNAMED = [
  { selector: '.ant-pagination-simple-pager input', key: 'common.pager.page' },
  { selector: '.ant-pagination-options-size-changer input', key: 'common.pager.size' },
  { selector: '.ant-pagination-options-quick-jumper input', key: 'common.pager.page' },
] as const;

/**
 * Names the inputs ng-zorro's pagination draws (the simple pager's page box, the page-size picker):
 * it has no input for their labels, and a screen reader announces an unnamed box as "edit text"
 * (axe: label, critical). Every list has a pager, so this watches the whole document once, from the
 * root, instead of asking each of ~20 pages to remember a directive.
 */
@Injectable({ providedIn: 'root' })
export class PagerLabels {
  private readonly doc = inject(DOCUMENT);
  private readonly t = inject(I18n).t;
  private scheduled = false;

  constructor() {
    const view = this.doc.defaultView;
    if (!view || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => this.schedule());
    observer.observe(this.doc.body, { childList: true, subtree: true });
    inject(DestroyRef).onDestroy(() => observer.disconnect());
    // A language switch renames them (t() reads the current language).
    effect(() => {
      this.t('common.pager.page');
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.label();
    });
  }

  private label(): void {
    for (const { selector, key } of UNNAMED) {
      const name = this.t(key);
      for (const input of this.doc.querySelectorAll<HTMLInputElement>(selector)) {
        if (input.getAttribute('aria-label') !== name) input.setAttribute('aria-label', name);
      }
    }
  }
}
