import { chinaDate } from '../../shared/china-date';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { Viewport } from '../../shared/viewport';
import { HandoverForm } from '../handovers/handover-form';
import { TraineesI18n } from '../trainees-i18n';
import { traineeStateColor } from '../trainees-labels';
import type { HandoverDto } from '../trainees-types';
import { ChecklistSection } from './checklist-section';
import { ConsentsSection } from './consents-section';
import { CorrectionsSection } from './corrections-section';
import { LifecycleSection } from './lifecycle-section';
import { ProfileSection } from './profile-section';
import { TraineePlacementsSection } from '../../orders/counsellor/trainee-placements-section';
import { TraineeFileStore } from './trainee-file-store';
import { PlanSection } from '../plan/plan-section';
import { ActivationCard } from '../activation/activation-card';
import { TransferCard } from '../../follow-ups/transfers/transfer-card';
import { JobLimitsCard } from '../job-limits/job-limits-card';
import { EpisodesCard } from '../episodes/episodes-card';
import { LearningSection } from '../learning/learning-section';

export const FILE_TABS = ['profile', 'lifecycle', 'plan', 'checklist', 'consents', 'corrections', 'placements', 'learning'] as const;
export type FileTab = (typeof FILE_TABS)[number];

/** `/trainees/:id`: one trainee's file — profile, lifecycle, checklist, consent, corrections — and the handover. */
@Component({
  selector: 'jbh-trainee-file',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzTabsModule,
    NzTagModule,
    LoadError,
    ProfileSection,
    LifecycleSection,
    ChecklistSection,
    ConsentsSection,
    CorrectionsSection,
    HandoverForm,
    TraineePlacementsSection,
    PlanSection,
    ActivationCard,
    TransferCard,
    JobLimitsCard,
    EpisodesCard,
    LearningSection,
  ],
  templateUrl: './trainee-file.html',
  styleUrl: './trainee-file.css',
  providers: [TraineeFileStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraineeFile {
  /** Route parameter. */
  readonly id = input.required<string>();
  /** `?tab=` query parameter: which section is open (the pre-release list links straight to the checklist). */
  readonly tab = input<string | undefined>();

  protected readonly store = inject(TraineeFileStore);
  private readonly i18n = inject(TraineesI18n);
  private readonly router = inject(Router);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly days = this.i18n.days;
  /** The China date of a moment (a frozen copy's date). */
  protected readonly chinaDate = (iso: string) => chinaDate(new Date(iso));
  protected readonly isPhone = inject(Viewport).isPhone;
  protected readonly stateColor = traineeStateColor;
  protected readonly tabs = FILE_TABS;
  protected readonly tabIndex = computed(() => Math.max(0, FILE_TABS.indexOf((this.tab() ?? 'profile') as FileTab)));

  protected readonly revealOpen = signal(false);
  protected readonly revealReason = signal('');
  protected readonly revealing = signal(false);
  protected readonly revealError = signal<ApiError | null>(null);
  protected readonly handoverOpen = signal(false);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
  }

  protected selectTab(index: number): void {
    const tab = FILE_TABS[index] ?? 'profile';
    if (tab === (this.tab() ?? 'profile')) return;
    void this.router.navigate([], { queryParams: { tab: tab === 'profile' ? null : tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected openReveal(): void {
    this.revealReason.set('');
    this.revealError.set(null);
    this.revealOpen.set(true);
  }

  protected closeReveal(): void {
    this.revealOpen.set(false);
  }

  protected reveal(): void {
    const reason = this.revealReason().trim();
    if (reason.length < 2) {
      this.revealError.set(null);
      return;
    }
    this.revealing.set(true);
    this.revealError.set(null);
    this.store.revealIdentityNumber(reason).subscribe({
      next: () => {
        this.revealing.set(false);
        this.revealOpen.set(false);
      },
      error: (err: unknown) => {
        this.revealing.set(false);
        this.revealError.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }

  protected openHandover(): void {
    this.handoverOpen.set(true);
  }

  protected closeHandover(): void {
    this.handoverOpen.set(false);
  }

  protected handoverCreated(handover: HandoverDto): void {
    this.handoverOpen.set(false);
    void this.router.navigate(['/handovers', handover.id]);
  }
}
