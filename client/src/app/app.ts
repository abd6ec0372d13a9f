import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { PagerLabels } from './core/a11y/pager-labels';

@Component({
  selector: 'jbh-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  constructor() {
    // Started here so it watches every page from the first.
    inject(PagerLabels);
  }
}
