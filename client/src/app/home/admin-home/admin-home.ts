import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { ORGANISATION_TYPES } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';
import { TODAY_GRID_CSS, TodayCard, TodaySkeleton } from '../today/today-card';

/**
 * 系统管理员's home: employers to verify, this month's fairs, and which stations are behind on their
 * visits. No audit log here: 三权分立 gives it to the audit administrator alone.
 */
@Component({
  selector: 'jbh-admin-home',
  imports: [RouterLink, NzCardModule, NzIconModule, NzSpinModule, LoadError, TodayCard, TodaySkeleton],
  templateUrl: './admin-home.html',
  styles: [
    TODAY_GRID_CSS,
    `
      .overdue {
        margin-bottom: 16px;
      }
      .overdue-slot {
        min-height: 150px;
        margin-bottom: 16px;
      }
      .overdue-none {
        display: flex;
        align-items: center;
        gap: 8px;
        min-height: 48px;
        margin: 0;
        padding: 0 16px;
        border: 1px solid #f0f0f0;
        border-radius: 10px;
        background: #fff;
        color: #389e0d;
      }
      .overdue-table {
        width: 100%;
        max-width: 720px;
        border-collapse: collapse;
        background: #fff;
        border-radius: 10px;
        overflow: hidden;
      }
      .overdue-table th,
      .overdue-table td {
        padding: 0 16px;
        height: 48px;
        text-align: left;
        border-bottom: 1px solid #f0f0f0;
      }
      .overdue-table th {
        white-space: nowrap;
        font-weight: 600;
        color: rgba(0, 0, 0, 0.65);
        background: #fafafa;
      }
      .overdue-table .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .overdue-count {
        font-size: 18px;
        font-weight: 700;
        color: #cf1322;
      }
      .overdue-table .go {
        width: 1%;
        white-space: nowrap;
      }
      .overdue-table .go a {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        min-height: 48px;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {
  protected readonly store = inject(HomeStore);
  protected readonly t = inject(I18n).t;
  protected readonly user = inject(AuthStore).user;
  protected readonly types = ORGANISATION_TYPES;

  constructor() {
    this.store.loadToday();
    this.store.loadOrganisationCounts();
  }
}
