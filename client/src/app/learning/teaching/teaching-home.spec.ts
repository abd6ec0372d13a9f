import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { chinaDate } from '../../shared/china-date';
import { LearningApi } from '../learning-api';
import type { ClassDto, CourseSessionDto, SessionEnrolmentDto } from '../learning-types';
import { TeachingHome } from './teaching-home';

const day = (offset: number) => chinaDate(new Date(Date.now() + offset * 86_400_000));

const session = (id: string, startsOn: string, endsOn: string, seatsTaken: number): CourseSessionDto =>
  ({
    id,
    courseTitle: `课程${id}`,
    level: 5,
    startsOn,
    endsOn,
    seatsTaken,
    capacity: 25,
    waitlisted: 0,
    instructorId: 'me',
    venueName: null,
  }) as CourseSessionDto;

const klass = (id: string, applied: number): ClassDto =>
  ({
    id,
    name: `班级${id}`,
    programmeName: '中餐烹饪',
    mode: 'in_facility',
    applied,
    waitlisted: 0,
    seatsTaken: 5,
    capacity: 30,
    startsOn: day(-100),
    endsOn: day(300),
  }) as ClassDto;

const person = (meetings: number): SessionEnrolmentDto => ({ id: `e${meetings}`, state: 'enrolled', meetings }) as SessionEnrolmentDto;

describe('the teaching page (an instructor)', () => {
  const SESSIONS = [
    session('running-unrecorded', day(-10), day(20), 3), // today, begun, no attendance
    session('running-recorded', day(-5), day(20), 2), // today, begun, attendance taken
    session('starts-today', day(0), day(20), 4), // today, not begun before today
    session('ended-empty', day(-60), day(-30), 0), // no students
    session('future', day(10), day(40), 1),
  ];
  const ROSTERS: Record<string, SessionEnrolmentDto[]> = {
    'running-unrecorded': [person(0), person(0)],
    'running-recorded': [person(0), person(2)],
  };
  let asked: string[];

  beforeEach(() => {
    asked = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: AuthStore, useValue: { user: signal({ id: 'me', role: 'instructor' }) } },
        {
          provide: LearningApi,
          useValue: {
            allClasses: () => of([klass('a', 0), klass('b', 2)]),
            courses: () => of({ items: [{ id: 'c1' }], total: 1, page: 1, pageSize: 100 }),
            course: () => of({ sessions: SESSIONS }),
            allSessionEnrolments: (id: string) => {
              asked.push(id);
              return of(ROSTERS[id] ?? []);
            },
          },
        },
      ],
    });
  });

  async function render(show?: string): Promise<{ fixture: ComponentFixture<TeachingHome>; root: HTMLElement }> {
    const fixture = TestBed.createComponent(TeachingHome);
    if (show) fixture.componentRef.setInput('show', show);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const cards = (root: HTMLElement) => [...root.querySelectorAll('nz-card')].map((c) => c.getAttribute('data-testid'));
  const sessionTitles = (root: HTMLElement) =>
    [...root.querySelectorAll('[data-testid="teaching-session-link"] .tile-title')].map((e) => e.textContent?.trim());
  const classTitles = (root: HTMLElement) =>
    [...root.querySelectorAll('[data-testid="teaching-class-link"] .tile-title')].map((e) => e.textContent?.trim());

  it('shows everything, classes first, without ?show=, and asks for no rosters', async () => {
    const { root } = await render();
    expect(cards(root)).toEqual(['teaching-classes', 'teaching-sessions']);
    expect(sessionTitles(root)).toHaveLength(5);
    expect(classTitles(root)).toHaveLength(2);
    expect(root.querySelector('[data-testid="teaching-focus"]')).toBeNull();
    expect(asked).toEqual([]);
  });

  it('?show=today: today’s sessions first, and only them', async () => {
    const { root } = await render('today');
    expect(cards(root)).toEqual(['teaching-sessions', 'teaching-classes']);
    expect(sessionTitles(root)).toEqual(['课程starts-today', '课程running-recorded', '课程running-unrecorded']);
    expect(classTitles(root)).toHaveLength(2);
    expect(root.querySelector('[data-testid="teaching-focus"]')?.textContent).toContain('只看今天上课的培训班');
  });

  it('?show=attendance: only sessions begun with students and no attendance yet', async () => {
    const { root } = await render('attendance');
    expect(cards(root)).toEqual(['teaching-sessions', 'teaching-classes']);
    expect(sessionTitles(root)).toEqual(['课程running-unrecorded']);
    // Only the begun sessions with a seat taken are asked about.
    expect(asked.sort()).toEqual(['running-recorded', 'running-unrecorded']);
  });

  it('?show=approvals: classes first, only those with applications waiting', async () => {
    const { root } = await render('approvals');
    expect(cards(root)).toEqual(['teaching-classes', 'teaching-sessions']);
    expect(classTitles(root)).toEqual(['班级b']);
    expect(sessionTitles(root)).toHaveLength(5);
    expect(root.querySelector('[data-testid="teaching-focus-clear"]')?.getAttribute('href')).toBe('/teaching');
  });

  it('an unknown ?show= shows everything', async () => {
    const { root } = await render('nonsense');
    expect(cards(root)).toEqual(['teaching-classes', 'teaching-sessions']);
    expect(root.querySelector('[data-testid="teaching-focus"]')).toBeNull();
  });
});
