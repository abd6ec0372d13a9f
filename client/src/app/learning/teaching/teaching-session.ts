import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { LearningApi } from '../learning-api';
import { LearningI18n } from '../learning-i18n';
import type { CourseSessionDto, SessionEnrolmentDto } from '../learning-types';
import { AttendanceSheet } from '../shared/attendance-sheet';
import { parseScore } from '../shared/grade-grid/grade-grid';
import { sessionStateColor } from '../shared/learning-labels';

interface Draft {
  readonly theory: string;
  readonly practical: string;
}

/**
 * `/teaching/sessions/:id`: a course session's roster, attendance per meeting, and the assessment
 * (theory and practical, both at or above the pass mark to pass; passing issues the certificate).
 * An assessment cannot be changed once submitted, so submitting asks twice.
 */
@Component({
  selector: 'jbh-teaching-session',
  imports: [
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    AttendanceSheet,
  ],
  templateUrl: './teaching-session.html',
  styleUrl: './teaching.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeachingSession {
  /** From the route. */
  readonly id = input.required<string>();

  private readonly api = inject(LearningApi);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly level = this.i18n.level;
  protected readonly stateColor = sessionStateColor;

  protected readonly session = signal<Remote<CourseSessionDto>>(idle());
  protected readonly enrolments = signal<Remote<SessionEnrolmentDto[]>>(idle());
  private readonly drafts = signal<Readonly<Record<string, Draft>>>({});
  protected readonly confirming = signal<string | null>(null);
  protected readonly saving = signal<string | null>(null);

  protected readonly enrolled = computed(() => (this.enrolments().data ?? []).filter((e) => e.state === 'enrolled'));
  protected readonly people = computed(() => this.enrolled().map((e) => ({ enrolmentId: e.id, name: e.traineeName })));
  protected readonly passMark = computed(() => this.session().data?.passMark ?? 60);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    loadInto(this.session, this.api.session(id));
    this.loadEnrolments();
  }

  protected loadEnrolments(): void {
    // The attendance and assessment sheet shows the whole list: every page of it.
    loadInto(this.enrolments, this.api.allSessionEnrolments(this.id()));
  }

  protected draft(e: SessionEnrolmentDto): Draft {
    return this.drafts()[e.id] ?? { theory: '', practical: '' };
  }

  protected type(e: SessionEnrolmentDto, field: keyof Draft, value: string): void {
    this.drafts.update((all) => ({ ...all, [e.id]: { ...this.draft(e), [field]: value } }));
    this.confirming.set(null);
  }

  protected invalid(text: string): boolean {
    return parseScore(text) === 'invalid';
  }

  /** Both scores typed and valid: the verdict they would give. */
  protected verdict(e: SessionEnrolmentDto): 'pass' | 'fail' | null {
    const d = this.draft(e);
    const theory = parseScore(d.theory);
    const practical = parseScore(d.practical);
    if (typeof theory !== 'number' || typeof practical !== 'number') return null;
    return theory >= this.passMark() && practical >= this.passMark() ? 'pass' : 'fail';
  }

  protected submit(e: SessionEnrolmentDto): void {
    if (this.verdict(e) === null) return;
    if (this.confirming() !== e.id) {
      this.confirming.set(e.id);
      return;
    }
    const d = this.draft(e);
    this.saving.set(e.id);
    this.api.assess(e.id, { theoryScore: Number(d.theory), practicalScore: Number(d.practical) }).subscribe({
      next: (result) => {
        this.saving.set(null);
        this.confirming.set(null);
        this.message.success(
          this.t(result.state === 'passed' ? 'assessment.passedDone' : 'assessment.failedDone', { name: result.traineeName }),
        );
        this.enrolments.update((r) => (r.data ? { ...r, data: r.data.map((x) => (x.id === result.id ? result : x)) } : r));
      },
      error: (err: unknown) => {
        this.saving.set(null);
        this.message.error(this.i18n.errorMessage(toApiError(err)));
      },
    });
  }
}
