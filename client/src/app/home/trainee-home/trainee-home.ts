import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { I18n } from '../../core/i18n/i18n';
import type { TranslationKey } from '../../core/i18n/zh';
import { LoadError } from '../../shared/load-error';
import { HomeStore } from '../home-store';

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

/** Phone first: one status card in plain words, the three steps, big type and touch targets. */
@Component({
  selector: 'jbh-trainee-home',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzSpinModule, NzTagModule, LoadError],
  templateUrl: './trainee-home.html',
  styleUrl: './trainee-home.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeHome {
  protected readonly store = inject(HomeStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly user = inject(AuthStore).user;
  protected readonly steps = STEPS;

  /** Counting down only makes sense while still inside. */
  protected readonly countdown = computed(() => {
    const status = this.store.traineeStatus().data;
    if (!status || status.daysToRelease === null) return null;
    if (status.state !== 'admitted' && status.state !== 'pre_release') return null;
    return Math.max(0, status.daysToRelease);
  });

  constructor() {
    this.store.loadTraineeStatus();
  }

  protected reload(): void {
    this.store.loadTraineeStatus();
  }
}
