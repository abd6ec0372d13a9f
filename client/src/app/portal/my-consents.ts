import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { forkJoin } from 'rxjs';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { TraineesI18n } from '../trainees/trainees-i18n';
import { CONSENT_PURPOSES, type ConsentDto, type ConsentPurpose, type ConsentTextDto } from '../trainees/trainees-types';
import { PortalApi } from './portal-api';
import { PrivacyBox } from './privacy-box';

interface ConsentsData {
  readonly texts: readonly ConsentTextDto[];
  readonly consents: readonly ConsentDto[];
}

/** What the trainee grants here themselves; sharing with one employer is confirmed when accepting its offer. */
const SELF_SERVICE: readonly ConsentPurpose[] = ['job_matching', 'follow_up_contact'];

/**
 * `/me/consents`: each purpose explained with its current text, agree in one tap, withdraw after a
 * confirmation that says plainly it takes effect at once.
 */
@Component({
  selector: 'jbh-my-consents',
  imports: [RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzSpinModule, LoadError, PrivacyBox],
  templateUrl: './my-consents.html',
  styleUrl: './portal.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyConsents {
  private readonly api = inject(PortalApi);
  private readonly i18n = inject(TraineesI18n);
  private readonly message = inject(NzMessageService);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;
  protected readonly purposes = CONSENT_PURPOSES;
  protected readonly selfService = SELF_SERVICE;

  protected readonly data = signal<Remote<ConsentsData>>(idle());
  /** The live consent whose withdrawal is being confirmed. */
  protected readonly confirming = signal<ConsentDto | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<{ purpose: ConsentPurpose; error: ApiError } | null>(null);
  protected readonly live = computed(() => (this.data().data?.consents ?? []).filter((c) => c.live));

  constructor() {
    this.load();
  }

  protected load(): void {
    loadInto(this.data, forkJoin({ texts: this.api.consentTexts(), consents: this.api.consents() }));
  }

  protected textFor(purpose: ConsentPurpose): ConsentTextDto | undefined {
    return this.data().data?.texts.find((t) => t.purpose === purpose);
  }

  protected liveFor(purpose: ConsentPurpose): ConsentDto[] {
    return this.live().filter((c) => c.purpose === purpose);
  }

  protected pastFor(purpose: ConsentPurpose): ConsentDto[] {
    return (this.data().data?.consents ?? []).filter((c) => c.purpose === purpose && !c.live);
  }

  protected purposeName(purpose: ConsentPurpose): string {
    return this.t(`purpose.${purpose}`);
  }

  protected errorFor(purpose: ConsentPurpose): ApiError | null {
    const e = this.error();
    return e && e.purpose === purpose ? e.error : null;
  }

  protected errorText(error: ApiError): string {
    return error.code === 'CONSENT_TEXT_OUTDATED' ? this.t('myCon.outdated') : this.i18n.errorMessage(error);
  }

  protected agree(purpose: ConsentPurpose): void {
    const text = this.textFor(purpose);
    if (!text) return;
    this.busy.set(purpose);
    this.error.set(null);
    this.api.grant({ purpose, textVersion: text.version }).subscribe({
      next: (consents) => {
        this.busy.set(null);
        this.applyConsents(consents);
        this.message.success(this.t('myCon.agreed'));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        const error = toApiError(err);
        this.error.set({ purpose, error });
        // A newer text was published meanwhile: show it, so the trainee reads what they agree to.
        if (error.code === 'CONSENT_TEXT_OUTDATED') this.load();
      },
    });
  }

  protected askWithdraw(consent: ConsentDto): void {
    this.error.set(null);
    this.confirming.set(consent);
  }

  protected cancelWithdraw(): void {
    this.confirming.set(null);
  }

  protected withdraw(consent: ConsentDto): void {
    this.busy.set(consent.id);
    this.error.set(null);
    this.api.withdraw(consent.id).subscribe({
      next: (consents) => {
        this.busy.set(null);
        this.confirming.set(null);
        this.applyConsents(consents);
        this.message.success(this.t('myCon.withdrawn'));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set({ purpose: consent.purpose, error: toApiError(err) });
      },
    });
  }

  private applyConsents(consents: ConsentDto[]): void {
    this.data.update((r) => (r.data ? { ...r, data: { ...r.data, consents } } : r));
  }
}
