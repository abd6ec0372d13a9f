import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import type { MyTraineeStatusDto } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { TraineeHome } from './trainee-home';

/** The words a bystander must not read on a released trainee's home screen. */
const WORDS = /戒毒|强制隔离|戒治|所|康复|出所|回访|禁毒|rehab|drug|release|facility|detention/i;

const INSIDE: MyTraineeStatusDto = {
  fullName: '李明',
  state: 'pre_release',
  stage: 'inside',
  expectedReleaseOn: '2026-12-18',
  releasedOn: null,
  daysToRelease: 14,
};
const OUTSIDE: MyTraineeStatusDto = { ...INSIDE, state: 'community', stage: 'outside', releasedOn: '2026-06-01', daysToRelease: null };

describe('TraineeHome', () => {
  let httpMock: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        { provide: AuthStore, useValue: { user: signal({ id: 'u-1', role: 'trainee' }) } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  async function render(status: MyTraineeStatusDto): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(TraineeHome);
    httpMock.expectOne('/api/trainees/me').flush(status);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('after release: the name, the three steps and 我的档案 — no date, no countdown, none of the words', async () => {
    const root = await render(OUTSIDE);
    const text = root.textContent ?? '';
    expect(text).toContain('你好，李明');
    expect(root.querySelectorAll('.step')).toHaveLength(3);
    expect(root.querySelector('[data-testid="home-record-link"]')?.textContent).toContain('我的档案');
    expect(root.querySelector('[data-testid="days-to-release"]')).toBeNull();
    expect(root.querySelector('[data-testid="home-checklist-link"]')).toBeNull();
    expect(text).not.toMatch(WORDS);
    expect(text).not.toContain('2026');
  });

  it('before release: the countdown and the checklist stay, and no place is named', async () => {
    const root = await render(INSIDE);
    expect(root.querySelector('[data-testid="days-to-release"]')?.textContent).toContain('14');
    expect(root.querySelector('[data-testid="home-checklist-link"]')).not.toBeNull();
    expect(root.textContent).not.toContain('所在单位');
  });
});
