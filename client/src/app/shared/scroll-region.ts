import { afterNextRender, Directive, ElementRef, inject, input } from '@angular/core';

/**
 * Makes an nz-table's horizontal scroll box reachable by keyboard: a table with no link or button
 * inside cannot otherwise be scrolled sideways without a mouse (axe: scrollable-region-focusable).
 * ng-zorro renders the box itself and has no input for it, so the attributes are set once it exists.
 */
@Directive({ selector: 'nz-table[jbhScrollRegion]' })
export class ScrollRegion {
  /** What the region holds, read by screen readers when the box takes focus. */
  readonly jbhScrollRegion = input.required<string>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    afterNextRender(() => {
      for (const box of this.host.nativeElement.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', this.jbhScrollRegion());
      }
    });
  }
}
