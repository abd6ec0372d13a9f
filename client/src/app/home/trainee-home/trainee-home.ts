import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { TranslationKey } from '../../core/i18n/zh';
import { TraineeStage } from '../../portal/trainee-stage';
import { LoadError } from '../../shared/load-error';
import { TraineeHomeI18n } from './trainee-home-words';

interface Step {
  readonly icon: string;
  readonly title: TranslationKey;
  readonly text: TranslationKey;
  /** Where the step is taken; none while the feature is still coming. */
  readonly link?: string;
}

/** The motto as the trainee's next steps. */
const STEPS: readonly Step[] = [
  { icon: 'tool', title: 'motto.skill', text: 'home.trainee.step.skill', link: '/learning/courses' },
  { icon: 'book', title: 'motto.diploma', text: 'home.trainee.step.diploma', link: '/learning' },
  { icon: 'solution', title: 'motto.job', text: 'home.trainee.step.job', link: '/me/jobs' },
];

/**
 * Phone first: one status card in plain words, the three steps, big type and touch targets. After
 * release it is a screen the trainee shows employers and family: it names no place, gives no dates and
 * uses no word of the programme; what is private (checklist, consents, data) is behind 我的档案.
 */
@Component({
  selector: 'jbh-trainee-home',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './trainee-home.html',
  styleUrl: './trainee-home.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeHome {
  private readonly stage = inject(TraineeStage);
  private readonly i18n = inject(TraineeHomeI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly steps = STEPS;
  protected readonly status = this.stage.status;
  protected readonly discreet = this.stage.discreet;

  /** Counting down only makes sense while still inside. */
  protected readonly countdown = computed(() => {
    const status = this.status().data;
    if (!status || status.stage !== 'inside' || status.daysToRelease === null) return null;
    return Math.max(0, status.daysToRelease);
  });

  constructor() {
    // The stage may have moved since the last visit (a release is recorded by the station).
    this.stage.load(true);
  }

  protected reload(): void {
    this.stage.load(true);
  }
}
