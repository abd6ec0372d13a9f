import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';
import type { InstructorTodayDto } from '../../core/api/generated/models/instructor-today-dto';
import type { TeachingFocus } from '../../learning/teaching/teaching-home';
import { TODAY_GRID_CSS, TodayGrid, TodaySkeleton, type TodaySpec } from '../today/today-card';

/** An instructor's day: sessions running today, attendance not yet taken, class applications to decide. */
@Component({
  selector: 'jbh-instructor-home',
  imports: [RouterLink, NzButtonModule, LoadError, TodayGrid, TodaySkeleton],
  templateUrl: './instructor-home.html',
  styles: [
    TODAY_GRID_CSS,
    `
      .page-head a[nz-button] {
        min-height: 48px;
        display: inline-flex;
        align-items: center;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructorHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;

  /**
   * Each card opens the teaching page at what it counts (`?show=`: that part first, narrowed to it);
   * the sessions, registers and applications are all there.
   */
  protected instructorCards(i: InstructorTodayDto): TodaySpec[] {
    return [
      {
        label: 'home.instructor.sessionsToday',
        hint: 'home.instructor.sessionsTodayHint',
        count: i.sessionsToday,
        link: '/teaching',
        params: { show: 'today' satisfies TeachingFocus },
        icon: 'calendar',
        testid: 'today-sessions',
      },
      {
        label: 'home.instructor.attendance',
        hint: 'home.instructor.attendanceHint',
        count: i.attendanceMissing,
        link: '/teaching',
        params: { show: 'attendance' satisfies TeachingFocus },
        icon: 'edit',
        urgent: true,
        testid: 'today-attendance',
      },
      {
        label: 'home.instructor.approvals',
        hint: 'home.instructor.approvalsHint',
        count: i.approvalsWaiting,
        link: '/teaching',
        params: { show: 'approvals' satisfies TeachingFocus },
        icon: 'user-add',
        testid: 'today-approvals',
      },
    ];
  }

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.store.loadToday();
    const orgId = this.user()?.organisationId;
    if (orgId) this.store.loadOrganisation(orgId);
  }
}
