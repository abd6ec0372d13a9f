import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { Viewport } from '../../shared/viewport';
import { LoadError } from '../../shared/load-error';
import { LearningI18n } from '../learning-i18n';
import type { ClassEnrolmentDto, DiplomaDto } from '../learning-types';
import { AttendanceSheet } from '../shared/attendance-sheet';
import { AuditView } from '../shared/audit-view';
import { DecisionForm } from '../shared/decision-form';
import { GradeGrid } from '../shared/grade-grid/grade-grid';
import { classStateColor, today } from '../shared/learning-labels';
import { ClassStore } from './class-store';

export type ClassView = 'roster' | 'attendance' | 'grades' | 'applications';
const VIEWS: readonly ClassView[] = ['roster', 'attendance', 'grades', 'applications'];

/** `/teaching/classes/:id`: roster, attendance, the grade grid, graduation, and applications to decide. */
@Component({
  selector: 'jbh-teaching-class',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDrawerModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    LoadError,
    AttendanceSheet,
    AuditView,
    DecisionForm,
    GradeGrid,
  ],
  templateUrl: './teaching-class.html',
  styleUrl: './teaching.css',
  providers: [ClassStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeachingClass {
  /** From the route. */
  readonly id = input.required<string>();

  protected readonly store = inject(ClassStore);
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly stateColor = classStateColor;
  protected readonly views = VIEWS;
  protected readonly maxDate = today();

  protected readonly view = signal<ClassView>('roster');
  /** The trainee whose graduation audit is open in the drawer. */
  protected readonly auditing = signal<ClassEnrolmentDto | null>(null);
  protected readonly deciding = signal<ClassEnrolmentDto | null>(null);
  protected readonly graduatedOn = signal(today());
  protected readonly graduating = signal(false);
  protected readonly graduationError = signal<ApiError | null>(null);
  protected readonly diploma = signal<DiplomaDto | null>(null);

  protected readonly people = computed(() => this.store.roster().map((e) => ({ enrolmentId: e.id, name: e.traineeName })));
  protected readonly openAudit = computed(() => {
    const e = this.auditing();
    return e ? (this.store.audits()[e.id] ?? null) : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }

  protected show(view: ClassView): void {
    this.view.set(view);
  }

  protected audit(e: ClassEnrolmentDto): void {
    this.diploma.set(null);
    this.graduationError.set(null);
    this.graduatedOn.set(today());
    this.auditing.set(e);
  }

  protected closeAudit(): void {
    this.auditing.set(null);
  }

  protected graduate(): void {
    const e = this.auditing();
    if (!e) return;
    this.graduating.set(true);
    this.graduationError.set(null);
    this.store.graduate(e.id, this.graduatedOn()).subscribe({
      next: (diploma) => {
        this.graduating.set(false);
        this.diploma.set(diploma);
        this.message.success(this.t('graduation.done', { name: e.traineeName }));
      },
      error: (err: unknown) => {
        this.graduating.set(false);
        this.graduationError.set(toApiError(err));
      },
    });
  }

  protected decided(result: ClassEnrolmentDto): void {
    this.deciding.set(null);
    this.message.success(this.t('decision.done', { name: result.traineeName, state: this.t(`classState.${result.state}`) }));
    this.store.loadEnrolments();
  }

  protected attendanceSaved(): void {
    this.store.loadAudits();
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
