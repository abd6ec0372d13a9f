import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { startWith } from 'rxjs';
import type { EmployerDecisionDto, OrganisationDto } from '../../../core/api/api-types';
import { type ApiError, toApiError } from '../../../core/errors/api-error';
import { I18n } from '../../../core/i18n/i18n';
import { OrganisationsStore } from '../organisations-store';

/**
 * Verify or reject a self-registered employer. A reason is required to reject, and to verify a
 * credit code that fails its check digit (the admin must also tick that the licence was seen).
 */
@Component({
  selector: 'jbh-decision-form',
  imports: [
    ReactiveFormsModule,
    NzFormModule,
    NzInputModule,
    NzCheckboxModule,
    NzButtonModule,
    NzAlertModule,
    NzDescriptionsModule,
    NzTagModule,
  ],
  templateUrl: './decision-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionForm {
  readonly organisation = input.required<OrganisationDto>();
  readonly decided = output<OrganisationDto>();
  readonly cancelled = output();

  private readonly store = inject(OrganisationsStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly submitted = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    decision: this.fb.control<'verify' | 'reject'>('verify'),
    overrideCreditCode: [false],
    reason: [''],
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  protected readonly creditCodeFails = computed(() => this.organisation().creditCodeValid === false);
  protected readonly isReject = computed(() => this.value().decision === 'reject');
  protected readonly overriding = computed(() => !this.isReject() && this.creditCodeFails() && this.value().overrideCreditCode === true);
  protected readonly reasonRequired = computed(() => this.isReject() || this.overriding());
  protected readonly reasonMissing = computed(() => this.reasonRequired() && (this.value().reason ?? '').trim().length < 4);
  /** Verifying a failing code without the override is refused by the server: say so before sending. */
  protected readonly overrideMissing = computed(() => !this.isReject() && this.creditCodeFails() && !this.overriding());

  protected choose(decision: 'verify' | 'reject'): void {
    this.form.controls.decision.setValue(decision);
  }

  protected decide(): void {
    this.submitted.set(true);
    if (this.reasonMissing() || this.overrideMissing()) return;
    const v = this.form.getRawValue();
    const dto: EmployerDecisionDto = { decision: v.decision };
    if (this.reasonRequired()) dto.reason = v.reason.trim();
    if (this.overriding()) dto.overrideCreditCode = true;
    this.submitting.set(true);
    this.error.set(null);
    this.store.decide(this.organisation().id, dto).subscribe({
      next: (org) => {
        this.submitting.set(false);
        this.decided.emit(org);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
