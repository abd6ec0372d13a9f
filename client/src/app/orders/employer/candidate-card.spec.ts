import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { I18n } from '../../core/i18n/i18n';
import type { CandidateDto } from '../orders-types';
import { CandidateCard, employerSteps } from './candidate-card';

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
};

describe('CandidateCard', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNzIconsTesting()] });
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  function render(candidate: CandidateDto): HTMLElement {
    const fixture = TestBed.createComponent(CandidateCard);
    fixture.componentRef.setInput('candidate', candidate);
    fixture.componentRef.setInput('orderId', 'o-1');
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('before acceptance shows the code, skills and preferences, says why the name is hidden, and shows no name or phone', () => {
    const el = render(PSEUDONYMOUS);
    expect(el.querySelector('[data-testid=candidate-code]')?.textContent).toContain('C7K2M9PQ');
    expect(el.querySelector('[data-testid=candidate-privacy]')?.textContent).toContain('学员接受推荐后才会显示姓名和电话');
    expect(el.querySelector('[data-testid=candidate-name]')).toBeNull();
    expect(el.querySelector('[data-testid=candidate-phone]')).toBeNull();
    const text = el.textContent ?? '';
    expect(el.querySelector('[data-testid=candidate-skills]')?.textContent).toContain('中式烹调师 · 五级/初级工');
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

  it('after acceptance shows name and phone and drops the explanation', () => {
    const el = render({ ...PSEUDONYMOUS, state: 'accepted_by_trainee', fullName: '王小明', phone: '13800000000' });
    expect(el.querySelector('[data-testid=candidate-name]')?.textContent).toContain('王小明');
    expect(el.querySelector('[data-testid=candidate-phone]')?.getAttribute('href')).toBe('tel:13800000000');
    expect(el.querySelector('[data-testid=candidate-privacy]')).toBeNull();
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
