import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { TRAINEE_STATES } from '../../core/api/api-types';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { TraineesI18n } from '../trainees-i18n';
import { traineeStateColor } from '../trainees-labels';
import type { TraineeState } from '../trainees-types';
import { TraineeFileStore } from './trainee-file-store';

/** The lifecycle: the moves allowed from here (with a reason) and the history — who, when, why. */
@Component({
  selector: 'jbh-lifecycle-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    NzTimelineModule,
    LoadError,
  ],
  templateUrl: './lifecycle-section.html',
  styleUrl: './sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LifecycleSection {
  readonly prepareHandover = output();

  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly stateColor = traineeStateColor;
  protected readonly to = signal<TraineeState | null>(null);
  protected readonly reason = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  constructor() {
    this.store.loadHistory();
  }

  protected stateName(state: TraineeState): string {
    return this.t(`traineeState.${state}`);
  }

  /** The server lists the allowed moves when it refuses one: say them in words. */
  protected allowedText(error: ApiError): string | null {
    const allowed = error.details?.['allowed'];
    if (!Array.isArray(allowed)) return null;
    const states = allowed.filter((s): s is TraineeState => (TRAINEE_STATES as readonly unknown[]).includes(s));
    return this.t('life.allowed', { states: states.map((s) => this.stateName(s)).join('、') || this.t('none') });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected move(): void {
    const to = this.to();
    const reason = this.reason().trim();
    if (!to || reason.length < 2) return;
    this.saving.set(true);
    this.error.set(null);
    this.store.transition(to, reason).subscribe({
      next: (t) => {
        this.saving.set(false);
        this.to.set(null);
        this.reason.set('');
        this.message.success(this.t('life.moved', { state: this.stateName(t.state) }));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
