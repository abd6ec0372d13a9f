import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthStore } from '../../core/auth/auth-store';
import { isMfaPending } from '../../core/auth/mfa-guard';
import { required } from '../../shared/form-validators';
import { type ApiError, toApiError } from '../../core/errors/api-error';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { MfaApi, type MfaEnrolmentStartDto, type MfaStatusDto } from './mfa-api';
import { MfaI18n } from './mfa-i18n';

/** `ABCD EFGH …`: a long base32 key is easier to type into a phone in groups of four. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up (or turning off) the TOTP second factor: start → QR code and the key in groups for
 * typing → the first code → the recovery codes, shown once, with copy and print. An account that
 * must enrol lands here from every other page (mfaEnrolmentGuard) until it has.
 */
@Component({
  selector: 'jbh-mfa-enrolment',
  imports: [
    FormsModule,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzFormModule,
    NzInputModule,
    NzSpinModule,
    LoadError,
  ],
  templateUrl: './mfa-enrolment.html',
  styleUrl: './mfa.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaEnrolment {
  private readonly api = inject(MfaApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly words = inject(MfaI18n);
  protected readonly t = this.words.t;

  protected readonly status = signal<Remote<MfaStatusDto>>(idle());
  protected readonly started = signal<MfaEnrolmentStartDto | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<'turnedOff' | 'copied' | null>(null);
  protected readonly savedCodes = signal(false);
  /** This session may do nothing else until enrolled. */
  protected readonly pending = computed(() => isMfaPending(this.auth.accessToken()));
  protected readonly groupedSecret = computed(() => groupSecret(this.started()?.secret ?? ''));

  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)]],
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.status, this.api.status());
  }

  protected errorText(error: ApiError): string {
    return this.words.errorMessage(error);
  }

  protected start(): void {
    this.run(this.api.start(), (started) => {
      this.started.set(started);
      this.codeForm.reset();
    });
  }

  protected confirm(): void {
    const code = this.code();
    if (code === null) return;
    this.run(this.api.confirm(code), ({ recoveryCodes }) => {
      this.started.set(null);
      this.recoveryCodes.set(recoveryCodes);
    });
  }

  protected turnOff(): void {
    const code = this.code();
    if (code === null) return;
    this.run(this.api.turnOff(code), () => {
      this.notice.set('turnedOff');
      this.codeForm.reset();
      this.load();
    });
  }

  protected copyCodes(): void {
    const codes = this.recoveryCodes();
    if (!codes) return;
    void globalThis.navigator?.clipboard?.writeText(codes.join('\n')).then(() => this.notice.set('copied'));
  }

  protected copySecret(): void {
    const secret = this.started()?.secret;
    if (secret) void globalThis.navigator?.clipboard?.writeText(secret).then(() => this.notice.set('copied'));
  }

  protected print(): void {
    globalThis.print?.();
  }

  /**
   * Done: a fresh access token (a pending session is lifted by enrolling, at the next refresh), then
   * the page the person came for — or, for a pending session, home.
   */
  protected finish(): void {
    this.busy.set(true);
    this.auth.refresh().subscribe({
      next: () => {
        this.busy.set(false);
        this.recoveryCodes.set(null);
        void this.router.navigateByUrl('/account');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  private code(): string | null {
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      this.codeForm.controls.code.markAsDirty();
      this.codeForm.controls.code.updateValueAndValidity();
      return null;
    }
    return this.codeForm.getRawValue().code.replace(/\s+/g, '');
  }

  private run<T>(source: import('rxjs').Observable<T>, done: (value: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    source.subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        this.codeForm.controls.code.reset();
      },
    });
  }
}
