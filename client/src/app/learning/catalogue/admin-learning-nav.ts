import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { LearningI18n } from '../learning-i18n';

/** The admin's three learning lists, side by side. */
@Component({
  selector: 'jbh-admin-learning-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav class="sub-nav" [attr.aria-label]="t('adminLearning.title')">
      <a routerLink="/admin/learning" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">
        {{ t('adminLearning.programmes') }}
      </a>
      <a routerLink="/admin/learning/classes" routerLinkActive="active" ariaCurrentWhenActive="page">{{ t('adminLearning.classes') }}</a>
      <a routerLink="/admin/learning/courses" routerLinkActive="active" ariaCurrentWhenActive="page">{{ t('adminLearning.courses') }}</a>
      <a routerLink="/admin/learning/demand" routerLinkActive="active" ariaCurrentWhenActive="page">{{ t('adminLearning.demand') }}</a>
    </nav>
  `,
  styles: `
    .sub-nav {
      display: flex;
      gap: 4px;
      margin-bottom: 16px;
      border-bottom: 1px solid #f0f0f0;
    }
    .sub-nav a {
      padding: 8px 14px;
      border-bottom: 2px solid transparent;
      color: rgba(0, 0, 0, 0.65);
    }
    .sub-nav a.active {
      border-bottom-color: #8a5300;
      color: #8a5300;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLearningNav {
  protected readonly t = inject(LearningI18n).t;
}
