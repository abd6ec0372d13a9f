import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthStore } from '../core/auth/auth-store';
import { AdminHome } from './admin-home/admin-home';
import { AuditAdminHome } from './audit-admin-home/audit-admin-home';
import { CounsellorHome } from './counsellor-home/counsellor-home';
import { EmployerHome } from './employer-home/employer-home';
import { HomeStore } from './home-store';
import { InstructorHome } from './instructor-home/instructor-home';
import { SecurityAdminHome } from './security-admin-home/security-admin-home';
import { TraineeHome } from './trainee-home/trainee-home';

/**
 * `/`: each role's own workbench, each loaded on its own (a trainee never downloads the admin's).
 * Loaded at once (`on immediate`, not the default `on idle`) and shown as soon as it is there: boot.ts
 * has usually fetched it already, and a minimum time for the spinner only delayed the first screen.
 */
@Component({
  selector: 'jbh-home',
  imports: [AdminHome, SecurityAdminHome, AuditAdminHome, CounsellorHome, InstructorHome, EmployerHome, TraineeHome, NzSpinModule],
  providers: [HomeStore],
  template: `
    @switch (role()) {
      @case ('admin') {
        @defer (on immediate) {
          <jbh-admin-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('security_admin') {
        @defer (on immediate) {
          <jbh-security-admin-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('audit_admin') {
        @defer (on immediate) {
          <jbh-audit-admin-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('counsellor') {
        @defer (on immediate) {
          <jbh-counsellor-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('instructor') {
        @defer (on immediate) {
          <jbh-instructor-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('employer') {
        @defer (on immediate) {
          <jbh-employer-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
      @case ('trainee') {
        @defer (on immediate) {
          <jbh-trainee-home />
        } @placeholder {
          <nz-spin class="home-spin" />
        }
      }
    }
  `,
  styles: `
    .home-spin {
      display: block;
      padding: 48px;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Home {
  protected readonly role = inject(AuthStore).role;
}
