import { TestBed } from '@angular/core/testing';
import { I18n } from '../i18n/i18n';
import { PagerLabels } from './pager-labels';

describe('PagerLabels', () => {
  afterEach(() => document.body.querySelectorAll('.test-pager').forEach((n) => n.remove()));

  it("names the pager's page box and page-size input once they appear, in the current language", async () => {
    TestBed.inject(PagerLabels);
    const pager = document.createElement('div');
    pager.className = 'test-pager';
    pager.innerHTML = `
      <ul class="ant-pagination"><li class="ant-pagination-simple-pager"><input size="3" /></li></ul>
      <div class="ant-pagination-options-size-changer"><input readonly /></div>`;
    document.body.append(pager);
    const [page, size] = Array.from(pager.querySelectorAll('input'));
    await vi.waitFor(() => expect(page?.getAttribute('aria-label')).toBe('页码'));
    expect(size?.getAttribute('aria-label')).toBe('每页条数');

    await TestBed.inject(I18n).setLang('en');
    TestBed.tick();
    await vi.waitFor(() => expect(page?.getAttribute('aria-label')).toBe('Page number'));
    expect(size?.getAttribute('aria-label')).toBe('Rows per page');
  });
});
