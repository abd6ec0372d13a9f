import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzTableModule } from 'ng-zorro-antd/table';
import { toApiError } from '../../core/errors/api-error';
import { ErrorNotifier } from '../../core/errors/error-notifier';
import { TraineesI18n } from '../trainees-i18n';
import type { ImportProblemDto } from '../trainees-types';
import { ImportStore } from './import-store';

/** `/trainees/import`: template → upload → dry-run report → import (only when clean) → result. */
@Component({
  selector: 'jbh-import-page',
  imports: [RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzResultModule, NzTableModule],
  templateUrl: './import-page.html',
  styleUrl: './import-page.css',
  providers: [ImportStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  protected readonly store = inject(ImportStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly t = this.i18n.t;
  protected readonly downloading = signal(false);

  protected fieldName(field: string): string {
    return this.i18n.tryT(`impField.${field}`, field);
  }

  protected problemText(problem: ImportProblemDto): string {
    return this.i18n.pick(problem.message, problem.messageEn);
  }

  protected errorText = (error: Parameters<TraineesI18n['errorMessage']>[0]): string => this.i18n.errorMessage(error);

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.store.choose(input.files?.[0] ?? null);
  }

  protected downloadTemplate(): void {
    this.downloading.set(true);
    this.store.downloadTemplate().subscribe({
      next: () => this.downloading.set(false),
      error: (err: unknown) => {
        this.downloading.set(false);
        this.notifier.show(toApiError(err));
      },
    });
  }

  protected restart(input: HTMLInputElement): void {
    input.value = '';
    this.store.restart();
  }
}
