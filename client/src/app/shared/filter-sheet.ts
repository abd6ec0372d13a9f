import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, input, model, signal, type TemplateRef } from '@angular/core';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';

/**
 * A list's filters on a phone: a sheet from the bottom, as tall as its content, opened by the page's
 * own 筛选 button (`[(open)]`). The page keeps its filter fields in an `<ng-template>` and hands it over
 * (`content`), so the fields are built on the first opening, not with the page: a drawer renders its
 * content into an overlay at once, even closed, and five pickers were a third of a slow phone's first
 * render of the reports. Once built, the sheet stays, so closing it plays its animation.
 */
@Component({
  selector: 'jbh-filter-sheet',
  imports: [NgTemplateOutlet, NzDrawerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (used()) {
      <nz-drawer [nzVisible]="open()" nzPlacement="bottom" nzHeight="auto" [nzTitle]="title()" (nzOnClose)="open.set(false)">
        <ng-container *nzDrawerContent>
          <ng-container [ngTemplateOutlet]="content()" />
        </ng-container>
      </nz-drawer>
    }
  `,
})
export class FilterSheet {
  readonly open = model(false);
  readonly title = input.required<string>();
  readonly content = input.required<TemplateRef<unknown>>();
  protected readonly used = signal(false);

  constructor() {
    effect(() => {
      if (this.open()) this.used.set(true);
    });
  }
}
