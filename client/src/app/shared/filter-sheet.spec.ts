import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FilterSheet } from './filter-sheet';

/** A page with a 筛选 button's state and one filter field, as the caseload and the reports use the sheet. */
@Component({
  imports: [FilterSheet],
  template: `
    <jbh-filter-sheet [(open)]="open" title="筛选" [content]="fields" />
    <ng-template #fields><input data-testid="sheet-field" aria-label="field" /></ng-template>
  `,
})
class Page {
  readonly open = signal(false);
}

describe('FilterSheet', () => {
  const field = () => document.querySelector('[data-testid="sheet-field"]');

  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = '')));

  it('builds nothing until first opened, then shows the page’s fields in a bottom sheet', async () => {
    const fixture = TestBed.createComponent(Page);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(field()).toBeNull();
    expect(document.querySelector('.ant-drawer')).toBeNull();

    fixture.componentInstance.open.set(true);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(field()).not.toBeNull();
    expect(document.querySelector('.ant-drawer-bottom')).not.toBeNull();
    expect(document.querySelector('.ant-drawer-title')?.textContent).toContain('筛选');
  });

  it('closing from the sheet tells the page, and the fields stay built for the next opening', async () => {
    const fixture = TestBed.createComponent(Page);
    fixture.componentInstance.open.set(true);
    fixture.detectChanges();
    await fixture.whenStable();
    (document.querySelector('.ant-drawer-close') as HTMLElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(fixture.componentInstance.open()).toBe(false);
    expect(field()).not.toBeNull();
  });
});
