import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  type ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { AuthStore } from '../core/auth/auth-store';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { checkInCodeFromQr, isCheckInCode, normaliseCheckInCode } from './desk/check-in-code';
import { DeskScanner } from './desk/desk-scanner';
import type { CameraProblem } from './desk/qr-camera';
import { FairsApi } from './fairs-api';
import { FairsI18n } from './fairs-i18n';
import type { CheckInResultDto, FairDto, TraineePageDto } from './fairs-types';

/**
 * `/fairs/:id/desk`: the check-in desk, made for a phone held in one hand. A scanner that types the
 * code (most handheld and phone scanner apps act as a keyboard) works as well as typing it, and 扫码
 * opens the phone's rear camera and reads the trainee's QR code (typing stays for a refused camera).
 */
@Component({
  selector: 'jbh-fair-desk',
  imports: [DeskScanner, FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzCardModule, NzIconModule, NzInputModule, NzSelectModule],
  template: `
    <div class="desk" data-testid="fair-desk">
      <a [routerLink]="['/fairs', id()]" class="back"><span nz-icon nzType="arrow-left"></span> {{ fair().data?.title }}</a>
      <h1 class="page-title">{{ t('desk.title') }}</h1>
      <p class="muted">{{ t('desk.help') }}</p>
      <button
        nz-button
        nzSize="large"
        nzBlock
        type="button"
        class="scan-toggle"
        [nzType]="scanning() ? 'default' : 'primary'"
        [attr.aria-pressed]="scanning()"
        (click)="toggleScan()"
        data-testid="desk-scan"
      >
        <span nz-icon [nzType]="scanning() ? 'close' : 'scan'"></span>
        {{ scanning() ? t('desk.scanStop') : t('desk.scan') }}
      </button>
      @if (scanning()) {
        <jbh-desk-scanner (read)="onScan($event)" (failed)="onScanFailed($event)" />
      }
      @if (scanProblem(); as p) {
        <nz-alert nzType="warning" nzShowIcon [nzMessage]="t(p)" role="alert" data-testid="desk-scan-problem" />
      }
      <form class="code-form" (ngSubmit)="checkIn()">
        <input
          #codeInput
          nz-input
          nzSize="large"
          class="code-input"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          inputmode="text"
          maxlength="12"
          [placeholder]="t('desk.code')"
          [(ngModel)]="code"
          data-testid="desk-code"
        />
        <button nz-button nzType="primary" nzSize="large" type="submit" [nzLoading]="busy()" data-testid="desk-submit">
          {{ t('desk.submit') }}
        </button>
      </form>
      @if (result(); as r) {
        <div class="result" [class.again]="r.alreadyCheckedIn" role="status" data-testid="desk-result">
          <span nz-icon [nzType]="r.alreadyCheckedIn ? 'info-circle' : 'check-circle'" class="big-icon"></span>
          <div>
            <p class="result-title">{{ r.alreadyCheckedIn ? t('desk.again', { time: time(r.checkedInAt) }) : t('desk.ok') }}</p>
            <p class="result-name">{{ r.traineeName }}</p>
            <p class="muted">{{ t('desk.candidate', { code: r.candidateCode }) }}</p>
          </div>
        </div>
      }
      @if (formatError()) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="t('desk.codeFormat')" role="alert" data-testid="desk-error" />
      } @else if (error(); as err) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="errorText(err)" role="alert" data-testid="desk-error" />
      }
      @if (role() === 'counsellor') {
        <nz-card [nzTitle]="t('desk.walkIn')" class="walk-in">
          <p class="muted">{{ t('desk.walkInHelp') }}</p>
          <nz-select
            class="wide"
            nzShowSearch
            nzServerSearch
            [nzPlaceHolder]="t('desk.walkIn')"
            [(ngModel)]="walkInTrainee"
            (nzOnSearch)="search($event)"
            name="walkIn"
            data-testid="walk-in-picker"
          >
            @for (tr of trainees(); track tr.id) {
              <nz-option [nzValue]="tr.id" [nzLabel]="tr.fullName + ' · ' + tr.identityNumberMasked" />
            }
          </nz-select>
          <button nz-button type="button" [disabled]="!walkInTrainee" (click)="walkIn()" data-testid="walk-in-submit">
            {{ t('desk.walkInSubmit') }}
          </button>
        </nz-card>
      }
      @if (recent().length) {
        <h2 class="recent-title">{{ t('desk.recent') }}</h2>
        <ul class="recent">
          @for (r of recent(); track r.registrationId + r.checkedInAt) {
            <li>{{ time(r.checkedInAt) }} · {{ r.traineeName }} · {{ r.candidateCode }}</li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .desk {
      max-width: 560px;
      margin: 0 auto;
      padding: 16px;
    }
    .scan-toggle {
      margin: 8px 0 16px;
    }
    .code-form {
      display: flex;
      gap: 8px;
      margin: 16px 0;
    }
    .code-input {
      font-family: ui-monospace, Menlo, monospace;
      font-size: 22px;
      letter-spacing: 3px;
      text-transform: uppercase;
    }
    .result {
      display: flex;
      gap: 12px;
      align-items: center;
      background: #f6ffed;
      border: 2px solid #52c41a;
      border-radius: 10px;
      padding: 16px;
      margin-bottom: 16px;
    }
    .result.again {
      background: #fffbe6;
      border-color: #faad14;
    }
    .big-icon {
      font-size: 40px;
      color: #52c41a;
    }
    .again .big-icon {
      color: #faad14;
    }
    .result-title {
      font-size: 18px;
      font-weight: 600;
      margin: 0;
    }
    .result-name {
      font-size: 22px;
      margin: 4px 0;
    }
    .walk-in {
      margin-top: 16px;
    }
    .wide {
      width: 100%;
      margin-bottom: 8px;
    }
    .recent {
      padding-left: 18px;
    }
    .recent-title {
      font-size: 16px;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FairDesk implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(FairsApi);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(FairsI18n);
  protected readonly t = this.i18n.t;
  protected readonly role = computed(() => this.auth.role());
  protected readonly fair = signal<Remote<FairDto>>(idle());
  protected readonly result = signal<CheckInResultDto | null>(null);
  protected readonly recent = signal<CheckInResultDto[]>([]);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  /** The camera is open (扫码). */
  protected readonly scanning = signal(false);
  /** Why the camera is not open, shown above the typed code. */
  protected readonly scanProblem = signal<'desk.scanDenied' | 'desk.scanNoCamera' | 'desk.scanFailed' | 'desk.scanNotCode' | null>(null);
  /** The typed code is not 8 characters of the code alphabet (said here, without asking the server). */
  protected readonly formatError = signal(false);
  /** The last code read by the camera and when: the same code held up is sent once. */
  private lastScan = { code: '', at: 0 };
  protected readonly trainees = signal<TraineePageDto['items']>([]);
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  protected code = '';
  protected walkInTrainee: string | null = null;

  ngOnInit(): void {
    loadInto(this.fair, this.api.get(this.id()));
    if (this.role() === 'counsellor') this.search('');
  }

  protected checkIn(): void {
    const code = normaliseCheckInCode(this.code);
    if (!code) return;
    if (!isCheckInCode(code)) {
      this.result.set(null);
      this.error.set(null);
      this.formatError.set(true);
      this.codeInput()?.nativeElement.select();
      return;
    }
    this.run(this.api.checkIn(this.id(), code));
  }

  protected toggleScan(): void {
    this.scanProblem.set(null);
    this.scanning.update((on) => !on);
  }

  protected onScan(text: string): void {
    const code = checkInCodeFromQr(text);
    const now = Date.now();
    if (this.busy() || (text === this.lastScan.code && now - this.lastScan.at < 4000)) return;
    this.lastScan = { code: text, at: now };
    if (!code) {
      this.scanProblem.set('desk.scanNotCode');
      return;
    }
    this.scanProblem.set(null);
    navigator.vibrate?.(60);
    this.run(this.api.checkIn(this.id(), code));
  }

  protected onScanFailed(problem: CameraProblem): void {
    this.scanning.set(false);
    this.scanProblem.set(problem === 'denied' ? 'desk.scanDenied' : problem === 'no-camera' ? 'desk.scanNoCamera' : 'desk.scanFailed');
    this.codeInput()?.nativeElement.focus();
  }

  protected walkIn(): void {
    if (this.walkInTrainee) this.run(this.api.walkIn(this.id(), this.walkInTrainee));
  }

  protected search(q: string): void {
    this.api.consentingTrainees(q.trim()).subscribe({ next: (p) => this.trainees.set(p.items), error: () => this.trainees.set([]) });
  }

  private run(source: ReturnType<FairsApi['checkIn']>): void {
    this.busy.set(true);
    this.error.set(null);
    this.formatError.set(false);
    this.result.set(null);
    source.subscribe({
      next: (r) => {
        this.busy.set(false);
        this.result.set(r);
        if (!r.alreadyCheckedIn) this.recent.update((list) => [r, ...list].slice(0, 10));
        this.code = '';
        this.walkInTrainee = null;
        this.codeInput()?.nativeElement.focus();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
        this.codeInput()?.nativeElement.select();
      },
    });
  }

  protected time(iso: string): string {
    return new Date(iso).toLocaleTimeString(this.i18n.isEnglish() ? 'en-GB' : 'zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Shanghai',
    });
  }

  protected errorText(e: ApiError): string {
    return this.i18n.errorMessage(e);
  }
}
