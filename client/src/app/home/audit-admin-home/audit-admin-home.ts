import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { AuditResult } from '../../core/api/api-types';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import { LoadError } from '../../shared/load-error';
import { auditActionLabel, auditResultColor } from '../../shared/labels';
import { HomeStore } from '../home-store';

/** 审计管理员's home: the latest audit entries and the way to the whole log (the role's one page). */
@Component({
  selector: 'jbh-audit-admin-home',
  imports: [RouterLink, NzCardModule, NzSpinModule, NzTagModule, NzEmptyModule, LoadError],
  template: `
    <div class="page" data-testid="home-audit_admin">
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ t('home.admin.title') }}</h1>
          <p class="page-subtitle">{{ t('home.greeting', { name: user()?.displayName ?? '' }) }}</p>
        </div>
      </header>
      <nz-card class="audit-card" [nzTitle]="t('home.admin.latestAudit')" [nzExtra]="auditLink">
        @if (store.latestAudit().error; as err) {
          <jbh-load-error [error]="err" (retry)="store.loadLatestAudit()" />
        } @else if (store.latestAudit().data; as entries) {
          @if (entries.length === 0) {
            <nz-empty [nzNotFoundContent]="t('common.empty')" />
          } @else {
            <ol class="audit-list">
              @for (entry of entries; track entry.id) {
                <li>
                  <time class="muted">{{ dateTime(entry.occurredAt) }}</time>
                  <span class="audit-actor">{{ entry.actorUsername ?? t('audit.system') }}</span>
                  <span class="audit-action">{{ actionLabel(entry.action) }}</span>
                  <nz-tag [nzColor]="resultColor(entry.result)">{{ resultLabel(entry.result) }}</nz-tag>
                </li>
              }
            </ol>
          }
        } @else {
          <nz-spin class="card-spin" />
        }
      </nz-card>
      <ng-template #auditLink>
        <a routerLink="/admin/audit" data-testid="all-audit">{{ t('home.admin.allAudit') }}</a>
      </ng-template>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditAdminHome {
  protected readonly store = inject(HomeStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly user = inject(AuthStore).user;
  protected readonly resultColor = auditResultColor;

  constructor() {
    this.store.loadLatestAudit();
  }

  protected resultLabel(result: AuditResult): string {
    return this.t(`auditResult.${result}`);
  }

  protected actionLabel(action: string): string {
    return auditActionLabel(this.i18n, action);
  }
}
