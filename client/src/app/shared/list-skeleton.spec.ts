import { TestBed } from '@angular/core/testing';
import { I18n } from '../core/i18n/i18n';
import { ListSkeleton } from './list-skeleton';

describe('ListSkeleton', () => {
  const render = (inputs: { rows?: number; variant?: 'table' | 'cards'; size?: 'small' | 'middle' } = {}) => {
    const fixture = TestBed.createComponent(ListSkeleton);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const box = el.querySelector('[data-testid="list-loading"]') as HTMLElement;
    return { fixture, el, box, rows: () => el.querySelectorAll('[data-testid="list-loading-row"]') };
  };

  afterEach(() => localStorage.clear());

  it('draws five table rows under a header by default, busy and labelled as loading', () => {
    const { box, rows } = render();
    expect(box).not.toBeNull();
    expect(box.getAttribute('aria-busy')).toBe('true');
    expect(box.getAttribute('role')).toBe('status');
    expect(box.getAttribute('aria-label')).toBe('加载中…');
    expect(box.dataset['variant']).toBe('table');
    expect(rows().length).toBe(5);
    expect(box.querySelectorAll('.sk-head').length).toBe(1);
    expect(box.querySelectorAll('.sk-row .bar').length).toBe(20);
  });

  it('draws as many rows as asked for, and follows the rows input when it changes', () => {
    const { fixture, rows } = render({ rows: 8 });
    expect(rows().length).toBe(8);
    fixture.componentRef.setInput('rows', 2);
    fixture.detectChanges();
    expect(rows().length).toBe(2);
    fixture.componentRef.setInput('rows', 0);
    fixture.detectChanges();
    expect(rows().length).toBe(0);
  });

  it('draws cards (no table header) for the cards variant', () => {
    const { box, rows } = render({ rows: 3, variant: 'cards' });
    expect(box.dataset['variant']).toBe('cards');
    expect(rows().length).toBe(3);
    expect(box.querySelectorAll('.sk-card').length).toBe(3);
    expect(box.querySelector('.sk-head')).toBeNull();
  });

  it('marks small tables, whose rows are shorter', () => {
    expect(render({ size: 'small' }).box.classList.contains('is-small')).toBe(true);
    expect(render().box.classList.contains('is-small')).toBe(false);
  });

  it('hides the bars from screen readers and says "loading" in the language shown', async () => {
    await TestBed.inject(I18n).setLang('en');
    const { box } = render({ rows: 1 });
    expect(box.getAttribute('aria-label')).toBe('Loading…');
    expect(box.querySelector('.visually-hidden')?.textContent?.trim()).toBe('Loading…');
    for (const row of Array.from(box.querySelectorAll('.sk-head, .sk-row'))) expect(row.getAttribute('aria-hidden')).toBe('true');
  });
});
