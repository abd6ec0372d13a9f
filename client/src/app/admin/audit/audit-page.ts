import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AUDIT_RESULTS, type AuditEntryDto } from '../../core/api/api-types';
import { I18n } from '../../core/i18n/i18n';
import { auditActionLabel, auditResultColor } from '../../shared/labels';
import { ListSkeleton } from '../../shared/list-skeleton';
import { LoadError } from '../../shared/load-error';
import { type AuditFilters, AuditStore, NO_AUDIT_FILTERS } from './audit-store';

@Component({
  selector: 'jbh-audit-page',
  imports: [FormsModule, NzTableModule, NzInputModule, NzSelectModule, NzButtonModule, NzIconModule, NzTagModule, ListSkeleton, LoadError],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.css',
  providers: [AuditStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  protected readonly store = inject(AuditStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly isEnglish = this.i18n.isEnglish;
  protected readonly results = AUDIT_RESULTS;
  protected readonly resultColor = auditResultColor;
  /** The filter form's draft; applied with the search button (or Enter). */
  protected readonly draft = signal<AuditFilters>(NO_AUDIT_FILTERS);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

  constructor() {
    this.store.load();
  }

  protected setDraft<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
  }

  protected applyFilters(): void {
    this.store.setFilters(this.draft());
  }

  protected clearFilters(): void {
    this.draft.set(NO_AUDIT_FILTERS);
    this.store.setFilters(NO_AUDIT_FILTERS);
  }

  /** The actor cell's tooltip: the whole of what the one-line cell may cut short. */
  protected actorTitle(entry: AuditEntryDto): string {
    if (!entry.actorUsername) return this.t('audit.system');
    return entry.actorRole ? `${entry.actorUsername} · ${this.roleLabel(entry.actorRole)}` : entry.actorUsername;
  }

  protected roleLabel(role: string): string {
    return this.i18n.tryT(`role.${role}`) ?? role;
  }

  protected subjectLabel(type: string): string {
    return this.i18n.tryT(`audit.subject.${type}`) ?? type;
  }

  protected actionLabel(action: string): string {
    return auditActionLabel(this.i18n, action);
  }

  protected toggle(entry: AuditEntryDto, open: boolean): void {
    this.expanded.update((s) => {
      const next = new Set(s);
      if (open) next.add(entry.id);
      else next.delete(entry.id);
      return next;
    });
  }

  protected detailText(entry: AuditEntryDto): string {
    return JSON.stringify(entry.detail, null, 2);
  }
}
