import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { type JobLimitDto, type JobLimitQuery, JobLimitsApi } from './job-limits-api';
import { JobLimitsPage } from './job-limits-page';

const rule = (n: number, over: Partial<JobLimitDto> = {}): JobLimitDto => ({
  id: `rule-${n}`,
  occupationPrefix: `4-02-02-${String(n).padStart(2, '0')}`,
  occupationName: `职业${n}`,
  kind: 'waiting_period',
  waitingYears: 3,
  duringSupervision: false,
  legalReference: '《机动车驾驶证申领和使用规定》第十五条',
  summaryZh: '解除强制隔离戒毒措施未满三年的，不得申请机动车驾驶证。',
  summaryEn: 'No driving licence until three years after release.',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('JobLimitsPage', () => {
  let asked: JobLimitQuery[];

  /** A server of `total` rules: every page it is asked for, numbered from where the page starts. */
  function render(total: number) {
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        {
          provide: JobLimitsApi,
          useValue: {
            list: (q: JobLimitQuery) => {
              asked.push(q);
              const from = (q.page - 1) * q.pageSize;
              const n = Math.max(0, Math.min(q.pageSize, total - from));
              return of({ items: Array.from({ length: n }, (_, i) => rule(from + i + 1)), total, page: q.page, pageSize: q.pageSize });
            },
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(JobLimitsPage);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const prefixes = (el: HTMLElement) => [...el.querySelectorAll('[data-testid="jl-rule"]')].map((r) => r.getAttribute('data-prefix'));

  beforeEach(() => localStorage.clear());

  it('shows the first page of the server’s rules in a table, with the total, and asks for page 2 when turned', () => {
    const { fixture, el } = render(45);
    expect(asked).toEqual([{ includeInactive: false, page: 1, pageSize: 20 }]);
    expect(el.querySelector('[data-testid="jl-table"]')).not.toBeNull();
    expect(prefixes(el)).toHaveLength(20);
    expect(prefixes(el)[0]).toBe('4-02-02-01');
    expect(el.textContent).toContain('共 45 条');
    expect(el.querySelector('[data-testid="jl-rule"] [data-testid="jl-kind"]')?.textContent).toContain('等待期 3 年');

    (el.querySelector('li.ant-pagination-item[title="2"]') as HTMLElement).click();
    fixture.detectChanges();
    expect(asked.at(-1)).toEqual({ includeInactive: false, page: 2, pageSize: 20 });
    expect(prefixes(el)[0]).toBe('4-02-02-21');
    // Three pages of 20 for 45 rules: no fourth.
    expect(el.querySelector('li.ant-pagination-item[title="3"]')).not.toBeNull();
    expect(el.querySelector('li.ant-pagination-item[title="4"]')).toBeNull();
  });

  it('keeps the filter: showing deactivated rules asks again from page 1', () => {
    const { fixture, el } = render(45);
    (el.querySelector('li.ant-pagination-item[title="3"]') as HTMLElement).click();
    fixture.detectChanges();
    expect(asked.at(-1)).toEqual({ includeInactive: false, page: 3, pageSize: 20 });
    expect(prefixes(el)).toHaveLength(5);

    (el.querySelector('[data-testid="jl-show-inactive"] input') as HTMLInputElement).click();
    fixture.detectChanges();
    expect(asked.at(-1)).toEqual({ includeInactive: true, page: 1, pageSize: 20 });
  });

  it('says there are no rules when the server has none', () => {
    const { el } = render(0);
    expect(prefixes(el)).toEqual([]);
    expect(el.textContent).toContain('还没有规则');
  });
});
