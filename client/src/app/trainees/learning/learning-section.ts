import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { Viewport } from '../../shared/viewport';
import { TraineesI18n } from '../trainees-i18n';
import { EnrolForm } from './enrol-form';
import {
  type CertificateDto,
  type TraineeClassEnrolmentDto,
  type TraineeSessionEnrolmentDto,
  TraineeLearningApi,
} from './trainee-learning-api';

/** Attendance over both tracks: meetings recorded and attended. */
export function attendanceTotals(
  classes: readonly Pick<TraineeClassEnrolmentDto, 'attended' | 'meetings'>[],
  sessions: readonly Pick<TraineeSessionEnrolmentDto, 'attended' | 'meetings'>[],
): { attended: number; meetings: number } {
  const all = [...classes, ...sessions];
  return { attended: all.reduce((a, e) => a + e.attended, 0), meetings: all.reduce((a, e) => a + e.meetings, 0) };
}

const STATE_COLOR: Record<string, string> = {
  applied: 'blue',
  approved: 'green',
  active: 'green',
  enrolled: 'green',
  waitlisted: 'orange',
  graduated: 'gold',
  passed: 'gold',
  rejected: 'red',
  failed: 'red',
};

/**
 * The file's 学习 tab: the person's diploma classes and skills sessions with attendance, their
 * certificates, and enrolment into an open class or session from here.
 */
@Component({
  selector: 'jbh-learning-section',
  imports: [NzAlertModule, NzButtonModule, NzEmptyModule, NzIconModule, NzModalModule, NzSpinModule, NzTagModule, LoadError, EnrolForm],
  templateUrl: './learning-section.html',
  styleUrl: './learning-section.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LearningSection {
  readonly traineeId = input.required<string>();
  readonly fullName = input.required<string>();
  /** Read-only for the caller (another organisation holds the person): no enrolment. */
  readonly readOnly = input(false);

  private readonly api = inject(TraineeLearningApi);
  private readonly i18n = inject(TraineesI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly isPhone = inject(Viewport).isPhone;

  protected readonly classes = signal<Remote<TraineeClassEnrolmentDto[]>>(idle());
  protected readonly sessions = signal<Remote<TraineeSessionEnrolmentDto[]>>(idle());
  protected readonly certificates = signal<Remote<CertificateDto[]>>(idle());
  protected readonly enrolling = signal(false);
  protected readonly me = computed(() => [{ id: this.traineeId(), fullName: this.fullName() }]);
  protected readonly totals = computed(() => attendanceTotals(this.classes().data ?? [], this.sessions().data ?? []));

  constructor() {
    effect(() => {
      const id = this.traineeId();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.traineeId()): void {
    loadInto(this.classes, this.api.classEnrolments(id));
    loadInto(this.sessions, this.api.sessionEnrolments(id));
    loadInto(this.certificates, this.api.certificates(id));
  }

  protected color(state: string): string {
    return STATE_COLOR[state] ?? 'default';
  }

  protected classState(state: string): string {
    return this.t(`learn.cls.${state}` as 'learn.cls.applied');
  }

  protected sessionState(state: string): string {
    return this.t(`learn.ses.${state}` as 'learn.ses.enrolled');
  }

  protected openEnrol(): void {
    this.enrolling.set(true);
  }

  protected closeEnrol(): void {
    this.enrolling.set(false);
  }
}
