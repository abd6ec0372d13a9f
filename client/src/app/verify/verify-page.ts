import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { Subscription } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { appIconProviders } from '../core/icons';
import { LearningApi } from '../learning/learning-api';
import { LearningI18n } from '../learning/learning-i18n';
import type { DiplomaVerificationDto } from '../learning/learning-types';
import { LangToggle } from '../shared/lang-toggle';

/** Codes are printed in groups and typed by hand: spaces, dashes and case do not matter. */
export function normaliseVerificationCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

const CODE_SHAPE = /^[0-9A-Z]{12}$/;

type Check =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking'; readonly code: string }
  | { readonly kind: 'found'; readonly code: string; readonly diploma: DiplomaVerificationDto }
  | { readonly kind: 'not_found'; readonly code: string }
  | { readonly kind: 'error'; readonly code: string; readonly error: ApiError };

/**
 * `/verify` and `/verify/:code` — public, no sign-in: anyone (an employer, a school) checks a diploma.
 * It shows the school, programme, graduation date, number and a masked name, nothing else; scanning the
 * QR code on a printed diploma with a phone camera opens `/verify/<code>` directly.
 *
 * It is the one page strangers reach from a diploma, so it names the awarding school and never this
 * platform: no product mark, and numbers carry no platform prefix (`ZZ-2024-00429`).
 */
@Component({
  selector: 'jbh-verify-page',
  imports: [FormsModule, NzInputModule, NzButtonModule, NzAlertModule, NzIconModule, NzSpinModule, LangToggle],
  templateUrl: './verify-page.html',
  styleUrl: './verify-page.css',
  providers: [appIconProviders()],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  /** From the route (`/verify/:code`). */
  readonly code = input<string | undefined>();

  private readonly api = inject(LearningApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(LearningI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;

  protected readonly draft = signal('');
  protected readonly shapeProblem = signal(false);
  protected readonly check = signal<Check>({ kind: 'idle' });
  private inFlight: Subscription | null = null;

  protected readonly found = computed(() => {
    const c = this.check();
    return c.kind === 'found' ? c : null;
  });
  protected readonly notFound = computed(() => {
    const c = this.check();
    return c.kind === 'not_found' ? c : null;
  });
  protected readonly failed = computed(() => {
    const c = this.check();
    return c.kind === 'error' ? c : null;
  });

  constructor() {
    effect(() => {
      const code = normaliseVerificationCode(this.code() ?? '');
      this.draft.set(code);
      untracked(() => (code ? this.lookUp(code) : this.check.set({ kind: 'idle' })));
    });
  }

  protected typeCode(text: string): void {
    this.draft.set(text);
    this.shapeProblem.set(false);
  }

  /** The code goes into the address, so the result can be shared and the back button works. */
  protected verify(): void {
    const code = normaliseVerificationCode(this.draft());
    if (!CODE_SHAPE.test(code)) {
      this.shapeProblem.set(true);
      return;
    }
    if (code === normaliseVerificationCode(this.code() ?? '')) this.lookUp(code);
    else void this.router.navigate(['/verify', code]);
  }

  private lookUp(code: string): void {
    this.inFlight?.unsubscribe();
    this.check.set({ kind: 'checking', code });
    this.inFlight = this.api.verifyDiploma(code).subscribe({
      next: (diploma) => this.check.set({ kind: 'found', code, diploma }),
      error: (err: unknown) => {
        const error = toApiError(err);
        this.check.set(error.statusCode === 404 ? { kind: 'not_found', code } : { kind: 'error', code, error });
      },
    });
  }

  protected errorText(error: ApiError): string {
    return this.i18n.errorMessage(error);
  }
}
