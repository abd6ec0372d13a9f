import { Injectable, computed, inject, signal } from '@angular/core';
import type { EmployerRegistrationDto, RegisterEmployerDto } from '../core/api/api-types';
import { type ApiError, detailString, toApiError } from '../core/errors/api-error';
import { RegistrationApi } from './registration-api';

/** State of one employer registration: sending, the server's answer, and whether to offer a manual check. */
@Injectable()
export class RegistrationStore {
  private readonly api = inject(RegistrationApi);
  private readonly state = signal<{ submitting: boolean; error: ApiError | null; result: EmployerRegistrationDto | null }>({
    submitting: false,
    error: null,
    result: null,
  });
  private readonly manualReview = signal(false);

  readonly submitting = computed(() => this.state().submitting);
  readonly error = computed(() => this.state().error);
  readonly result = computed(() => this.state().result);
  /** The server refused the check digit: the employer may ask for an admin's manual check instead. */
  readonly manualReviewOffered = this.manualReview.asReadonly();

  submit(dto: RegisterEmployerDto): void {
    this.state.set({ submitting: true, error: null, result: null });
    this.api.register(dto).subscribe({
      next: (result) => this.state.set({ submitting: false, error: null, result }),
      error: (err: unknown) => {
        const error = toApiError(err);
        if (error.code === 'CREDIT_CODE_INVALID' && detailString(error, 'problem') === 'check_digit') this.manualReview.set(true);
        this.state.set({ submitting: false, error, result: null });
      },
    });
  }
}
