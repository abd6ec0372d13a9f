import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { I18n } from '../../core/i18n/i18n';
import type { CandidateDto } from '../orders-types';
import { EmployerPipelineApi } from './employer-pipeline-api';
import { CandidateCard, employerSteps, primaryStep } from './candidate-card';

const PSEUDONYMOUS: CandidateDto = {
  placementId: 'p-1',
  candidateCode: 'C7K2M9PQ',
  state: 'recommended',
  skills: [
    { occupationCode: '4-03-02-01', occupationName: '中式烹调师', level: 5, levelName: '五级/初级工' },
    { occupationCode: '4-03-02-03', occupationName: '中式面点师', level: null, levelName: null },
  ],
  certificates: [{ occupationName: '中式烹调师', levelName: '五级/初级工', issuedYear: 2026 }],
  diplomas: [],
  divisionName: '海口市',
  preferredDivisionNames: ['海口市'],
  preferredIndustries: [{ code: '4-03', name: '住宿和餐饮服务人员' }],
  wageExpectation: 4500,
  willingToLiveOnSite: true,
  reasons: [
    { code: 'holds_certificate', zh: '持有相关职业技能等级证书', en: 'Holds a relevant skill certificate' },
    { code: 'wage_fits', zh: '期望工资与岗位相符', en: 'Wage expectation fits the job' },
  ],
  interviewAt: null,
  interviewPlace: null,
  offeredWage: null,
  hiredOn: null,
  endedOn: null,
  fullName: null,
  phone: null,
  isNew: true,
};

describe('CandidateCard', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()] });
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  let fixture: ReturnType<typeof TestBed.createComponent<CandidateCard>>;
  function render(candidate: CandidateDto): HTMLElement {
    fixture = TestBed.createComponent(CandidateCard);
    fixture.componentRef.setInput('candidate', candidate);
    fixture.componentRef.setInput('orderId', 'o-1');
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  function openDetails(el: HTMLElement): void {
    (el.querySelector('[data-testid=candidate-open]') as HTMLButtonElement).click();
    fixture.detectChanges();
  }
  const buttons = (el: HTMLElement) => [...el.querySelectorAll('.step-actions button')].map((b) => b.getAttribute('data-testid'));
  const primaryButton = (el: HTMLElement) => el.querySelector('.step-actions button.ant-btn-primary')?.getAttribute('data-testid') ?? null;

  it('before acceptance shows the code, skills and preferences, says why the name is hidden, and shows no name or phone', () => {
    const el = render(PSEUDONYMOUS);
    expect(el.querySelector('[data-testid=candidate-code]')?.textContent).toContain('C7K2M9PQ');
    expect(el.querySelector('[data-testid=candidate-awaiting]')?.textContent).toContain('等待学员确认');
    expect(el.querySelector('[data-testid=candidate-privacy]')?.textContent).toContain('学员同意后，您会看到姓名和电话');
    expect(el.querySelector('[data-testid=candidate-summary]')?.textContent).toContain('中式烹调师 · 五级（初级工）');
    // The full record is folded until opened.
    expect(el.querySelector('[data-testid=candidate-skills]')).toBeNull();
    openDetails(el);
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.method === 'POST')
      .flush({ ...PSEUDONYMOUS, isNew: false });
    expect(el.querySelector('[data-testid=candidate-name]')).toBeNull();
    expect(el.querySelector('[data-testid=candidate-phone]')).toBeNull();
    const text = el.textContent ?? '';
    expect(el.querySelector('[data-testid=candidate-skills]')?.textContent).toContain('中式烹调师 · 五级（初级工）');
    expect(el.querySelector('[data-testid=candidate-skills]')?.textContent).toContain('中式面点师');
    expect(text).toContain('希望的行业：住宿和餐饮服务人员');
    expect(text).toContain('期望月工资：4500 元');
  });

  it('shows the fixed reasons as tags and no free-text note', () => {
    const el = render(PSEUDONYMOUS);
    const tags = [...el.querySelectorAll('[data-testid=candidate-reasons] nz-tag')].map((tag) => tag.textContent?.trim());
    expect(tags).toEqual(['持有相关职业技能等级证书', '期望工资与岗位相符']);
    expect(el.textContent).not.toContain('备注');
  });

  it('shows the reasons in English when English is chosen', async () => {
    await TestBed.inject(I18n).setLang('en');
    const el = render(PSEUDONYMOUS);
    expect(el.querySelector('[data-testid=candidate-reasons]')?.textContent).toContain('Holds a relevant skill certificate');
  });

  it('names skill and certificate levels in English from the level, not the Chinese level name', async () => {
    await TestBed.inject(I18n).setLang('en');
    const el = render({ ...PSEUDONYMOUS, isNew: false });
    expect(el.querySelector('[data-testid=candidate-summary]')?.textContent).toContain('中式烹调师 · Level 5 (entry)');
    openDetails(el);
    expect(el.querySelector('[data-testid=candidate-skills]')?.textContent).toContain('中式烹调师 · Level 5 (entry)');
    expect(el.textContent).toContain('中式烹调师 · Level 5 (entry) (2026)');
    expect(el.textContent).not.toContain('五级');
  });

  it('after acceptance shows name and phone and drops the explanation', () => {
    const el = render({ ...PSEUDONYMOUS, state: 'accepted_by_trainee', fullName: '王小明', phone: '13800000000' });
    expect(el.querySelector('[data-testid=candidate-name]')?.textContent).toContain('王小明');
    expect(el.querySelector('[data-testid=candidate-phone]')?.getAttribute('href')).toBe('tel:13800000000');
    expect(el.querySelector('[data-testid=candidate-privacy]')).toBeNull();
    expect(el.querySelector('[data-testid=candidate-awaiting]')).toBeNull();
  });

  it('a hired candidate shows the name and phone the server sent, never the waiting explanation', () => {
    const hired = {
      ...PSEUDONYMOUS,
      state: 'hired' as const,
      hiredOn: '2026-05-01',
      fullName: '王小明',
      phone: '13800000000',
      isNew: false,
    };
    const el = render(hired);
    expect(el.querySelector('[data-testid=candidate-name]')?.textContent).toContain('王小明');
    expect(el.textContent).not.toContain('学员接受推荐后才会显示姓名和电话');
    // Without a live consent the server sends no name: the card says so, not "after acceptance".
    const withheld = render({ ...hired, fullName: null, phone: null });
    expect(withheld.querySelector('[data-testid=candidate-withheld]')?.textContent).toContain('学员未同意向贵单位提供姓名和电话');
    expect(withheld.querySelector('[data-testid=candidate-awaiting]')).toBeNull();
  });

  it('marks a new candidate and, when the employer opens it, tells the server once and passes the seen candidate up', () => {
    const el = render(PSEUDONYMOUS);
    expect(el.querySelector('[data-testid=candidate-new]')?.textContent).toContain('新');
    const seen: CandidateDto[] = [];
    fixture.componentInstance.changed.subscribe((c) => seen.push(c));
    openDetails(el);
    const req = TestBed.inject(HttpTestingController).expectOne((r) => r.method === 'POST');
    expect(req.request.url).toContain('/candidates/p-1/seen');
    req.flush({ ...PSEUDONYMOUS, isNew: false });
    expect(seen).toEqual([{ ...PSEUDONYMOUS, isNew: false }]);
    expect(el.querySelector('[data-testid=candidate-skills]')?.textContent).toContain('中式面点师');
    expect(TestBed.inject(EmployerPipelineApi)).toBeTruthy();
  });

  it('opening a candidate already seen asks nothing', () => {
    const el = render({ ...PSEUDONYMOUS, isNew: false });
    expect(el.querySelector('[data-testid=candidate-new]')).toBeNull();
    openDetails(el);
    TestBed.inject(HttpTestingController).expectNone(() => true);
  });

  it('waiting for the trainee: a neutral state, and no red button as the only act', () => {
    const el = render(PSEUDONYMOUS);
    expect(primaryButton(el)).toBeNull();
    expect(el.querySelector('.step-actions .ant-btn-dangerous')).toBeNull();
    expect(el.querySelector('[data-testid=step-reject]')?.textContent).toContain('不考虑');
  });

  it('the primary button is the next step of each state; recording a departure is secondary', () => {
    expect(primaryButton(render({ ...PSEUDONYMOUS, state: 'accepted_by_trainee' }))).toBe('step-interview');
    expect(primaryButton(render({ ...PSEUDONYMOUS, state: 'interview' }))).toBe('step-offer');
    expect(primaryButton(render({ ...PSEUDONYMOUS, state: 'offer', offeredWage: 4800 }))).toBe('step-hire');
    const hired = render({ ...PSEUDONYMOUS, state: 'hired', hiredOn: '2026-05-01', isNew: false });
    expect(primaryButton(hired)).toBeNull();
    expect(buttons(hired)).toContain('step-end');
    expect(primaryStep(['end'])).toBeNull();
    expect(primaryStep(['interview', 'offer', 'reject'])).toBe('interview');
  });

  it('offers only the steps the state allows', () => {
    expect(employerSteps({ state: 'recommended', endedOn: null }, true)).toEqual(['reject']);
    expect(employerSteps({ state: 'accepted_by_trainee', endedOn: null }, true)).toEqual(['interview', 'offer', 'reject']);
    expect(employerSteps({ state: 'offer', endedOn: null }, true)).toEqual(['hire', 'reject']);
    expect(employerSteps({ state: 'offer', endedOn: null }, false)).toEqual(['reject']);
    expect(employerSteps({ state: 'hired', endedOn: null }, true)).toEqual(['end']);
    expect(employerSteps({ state: 'hired', endedOn: '2026-05-01' }, true)).toEqual([]);
    expect(employerSteps({ state: 'declined', endedOn: null }, true)).toEqual([]);
  });
});
