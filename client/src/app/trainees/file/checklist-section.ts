import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toApiError } from '../../core/errors/api-error';
import { ErrorNotifier } from '../../core/errors/error-notifier';
import { LoadError } from '../../shared/load-error';
import { TraineesI18n } from '../trainees-i18n';
import { todayIso } from '../trainees-labels';
import type { ChecklistItemDto, ChecklistItemKey } from '../trainees-types';
import { TraineeFileStore } from './trainee-file-store';

interface Draft {
  readonly doneOn: string;
  readonly note: string;
}

/** The pre-release checklist: each item ticked with the date it was done and a note, or reopened. */
@Component({
  selector: 'jbh-checklist-section',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './checklist-section.html',
  styleUrl: './sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChecklistSection {
  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly today = todayIso();
  protected readonly drafts = signal<Readonly<Partial<Record<ChecklistItemKey, Draft>>>>({});
  protected readonly busy = signal<ChecklistItemKey | null>(null);

  constructor() {
    this.store.loadChecklist();
  }

  protected doneCount(items: readonly ChecklistItemDto[]): number {
    return items.filter((i) => i.doneOn !== null).length;
  }

  protected draft(key: ChecklistItemKey): Draft {
    return this.drafts()[key] ?? { doneOn: this.today, note: '' };
  }

  protected setDraft(key: ChecklistItemKey, patch: Partial<Draft>): void {
    this.drafts.update((d) => ({ ...d, [key]: { ...this.draft(key), ...patch } }));
  }

  protected tick(item: ChecklistItemDto): void {
    const d = this.draft(item.itemKey);
    if (!d.doneOn) return;
    this.save(item.itemKey, { doneOn: d.doneOn, ...(d.note.trim() ? { note: d.note.trim() } : {}) }, 'cl.saved');
  }

  protected reopen(item: ChecklistItemDto): void {
    this.save(item.itemKey, { doneOn: null }, 'cl.reopened');
  }

  private save(key: ChecklistItemKey, dto: { doneOn: string | null; note?: string }, done: 'cl.saved' | 'cl.reopened'): void {
    this.busy.set(key);
    this.store.updateChecklistItem(key, dto).subscribe({
      next: () => {
        this.busy.set(null);
        this.drafts.update((d) => ({ ...d, [key]: undefined }));
        this.message.success(this.t(done));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.notifier.show(toApiError(err));
      },
    });
  }
}
