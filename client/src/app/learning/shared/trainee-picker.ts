import { ChangeDetectionStrategy, Component, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, startWith, switchMap } from 'rxjs';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { TraineeListItemDto } from '../learning-types';

/** Picks one of the counsellor's own trainees, searching by name or identity number as they type. */
@Component({
  selector: 'jbh-trainee-picker',
  imports: [FormsModule, NzSelectModule],
  template: `
    <nz-select
      class="picker"
      nzShowSearch
      nzServerSearch
      nzAllowClear
      [nzId]="inputId()"
      [nzPlaceHolder]="t('picker.placeholder')"
      [nzLoading]="loading()"
      [nzNotFoundContent]="t('picker.none')"
      [ngModel]="traineeId()"
      (ngModelChange)="traineeId.set($event)"
      (nzOnSearch)="search($event)"
      data-testid="trainee-picker"
    >
      @for (trainee of options(); track trainee.id) {
        <nz-option [nzValue]="trainee.id" [nzLabel]="label(trainee)" />
      }
    </nz-select>
  `,
  styles: `
    .picker {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineePicker {
  readonly traineeId = model<string | null>(null);
  readonly inputId = input('trainee-picker');

  private readonly api = inject(LearningApi);
  protected readonly t = inject(LearningI18n).t;
  protected readonly options = signal<TraineeListItemDto[]>([]);
  protected readonly loading = signal(false);
  private readonly typed = new Subject<string>();

  constructor() {
    this.typed
      .pipe(
        debounceTime(300),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.loading.set(true);
          return this.api.searchTrainees(q.trim()).pipe(catchError(() => of({ items: [] as TraineeListItemDto[] })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.loading.set(false);
        this.options.set(page.items);
      });
  }

  protected label(trainee: TraineeListItemDto): string {
    return `${trainee.fullName} · ${trainee.identityNumberMasked} · ${this.t(`traineeState.${trainee.state}`)}`;
  }

  protected search(q: string): void {
    this.typed.next(q);
  }
}
