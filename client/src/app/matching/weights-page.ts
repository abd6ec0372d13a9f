import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { MatchingApi, type WeightsDto } from './matching-api';
import { MATCHING_EN, MATCHING_ZH } from './matching-words';

const KEYS = ['certificate', 'training', 'diploma', 'division', 'lodging', 'wage', 'industry', 'readiness'] as const;
const fill = (text: string, p: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => (k in p ? String(p[k]) : w));

/** `/matching/weights`: admins set the weights; each save is a new version. */
@Component({
  selector: 'jbh-weights-page',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzInputModule],
  template: `
    <div class="page" data-testid="weights-page">
      <h1 class="page-title">{{ w().weightsTitle }}</h1>
      <p class="page-subtitle">{{ w().weightsHelp }}</p>
      <nz-card [nzTitle]="current() ? fill(w().weightsVersion, { v: current()!.version }) : ''">
        <div class="grid">
          @for (k of keys; track k) {
            <label
              >{{ w().parts[k] }}
              <input
                nz-input
                type="number"
                min="0"
                max="100"
                [ngModel]="values()[k]"
                (ngModelChange)="set(k, $event)"
                [attr.data-testid]="'weight-' + k"
            /></label>
          }
        </div>
        <p [class.bad]="sum() !== 100">{{ fill(w().weightsSum, { n: sum() }) }}</p>
        <input nz-input class="note" [(ngModel)]="note" maxlength="200" placeholder="…" />
        @if (error(); as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" />
        }
        <button nz-button nzType="primary" type="button" [disabled]="sum() !== 100" (click)="save()" data-testid="weights-save">
          {{ w().weightsSave }}
        </button>
      </nz-card>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
      gap: 12px;
      margin-bottom: 12px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .bad {
      color: #cf1322;
    }
    .note {
      max-width: 400px;
      margin: 0 8px 12px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WeightsPage {
  private readonly api = inject(MatchingApi);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18n);
  protected readonly w = computed(() => (this.i18n.isEnglish() ? MATCHING_EN : MATCHING_ZH));
  protected readonly fill = fill;
  protected readonly keys = KEYS;
  protected readonly current = signal<WeightsDto | null>(null);
  protected readonly values = signal<Record<(typeof KEYS)[number], number>>({
    certificate: 0,
    training: 0,
    diploma: 0,
    division: 0,
    lodging: 0,
    wage: 0,
    industry: 0,
    readiness: 0,
  });
  protected readonly sum = computed(() => KEYS.reduce((s, k) => s + Number(this.values()[k] || 0), 0));
  protected readonly error = signal<ApiError | null>(null);
  protected note = '';

  constructor() {
    this.api.weights().subscribe({ next: (c) => this.show(c), error: (err: unknown) => this.error.set(toApiError(err)) });
  }

  private show(c: WeightsDto): void {
    this.current.set(c);
    this.values.set(Object.fromEntries(KEYS.map((k) => [k, c[k]])) as Record<(typeof KEYS)[number], number>);
  }

  protected set(k: (typeof KEYS)[number], v: number): void {
    this.values.update((x) => ({ ...x, [k]: Number(v) }));
  }

  protected save(): void {
    const dto = { ...this.values(), ...(this.note ? { note: this.note } : {}) };
    this.api.setWeights(dto).subscribe({
      next: (c) => {
        this.show(c);
        this.message.success(fill(this.w().weightsVersion, { v: c.version }));
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
