import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSliderModule } from 'ng-zorro-antd/slider';
import { NzMessageService } from 'ng-zorro-antd/message';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { MatchingApi, type WeightsDto } from './matching-api';
import { MATCHING_EN, MATCHING_ZH } from './matching-words';

const KEYS = ['certificate', 'training', 'diploma', 'division', 'lodging', 'wage', 'industry', 'readiness'] as const;
type WeightKey = (typeof KEYS)[number];
/** Version 1, as the Matching migration inserted it: what "reset" fills in. */
export const DEFAULT_WEIGHTS: Readonly<Record<WeightKey, number>> = {
  certificate: 30,
  training: 10,
  diploma: 10,
  division: 20,
  lodging: 5,
  wage: 10,
  industry: 5,
  readiness: 10,
};
const fill = (text: string, p: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => (k in p ? String(p[k]) : w));
const clamp = (v: unknown): number => Math.min(100, Math.max(0, Math.round(Number(v) || 0)));

/** `/matching/weights`: admins set the weights with sliders; each save is a new version. */
@Component({
  selector: 'jbh-weights-page',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzIconModule, NzInputModule, NzSliderModule],
  template: `
    <div class="page page-narrow" data-testid="weights-page">
      <h1 class="page-title">{{ w().weightsTitle }}</h1>
      <p class="page-subtitle">{{ w().weightsHelp }}</p>
      <nz-card [nzTitle]="current() ? fill(w().weightsVersion, { v: current()!.version }) : ''" class="weights-card">
        <ul class="weights">
          @for (k of keys; track k) {
            <li class="weight" [attr.data-key]="k">
              <div class="weight-head">
                <label class="weight-name" [attr.for]="'weight-input-' + k">{{ w().parts[k] }}</label>
                <input
                  nz-input
                  class="weight-value"
                  type="number"
                  inputmode="numeric"
                  min="0"
                  max="100"
                  step="1"
                  [id]="'weight-input-' + k"
                  [ngModel]="values()[k]"
                  (ngModelChange)="set(k, $event)"
                  [attr.data-testid]="'weight-' + k"
                />
              </div>
              <nz-slider
                class="weight-slider"
                [nzMin]="0"
                [nzMax]="100"
                [nzStep]="1"
                nzTooltipVisible="never"
                [ngModel]="values()[k]"
                (ngModelChange)="set(k, $event)"
                [attr.aria-label]="w().parts[k]"
                [attr.data-testid]="'weight-slider-' + k"
              />
              <p class="weight-explain muted small">{{ w().weightsExplain[k] }}</p>
            </li>
          }
        </ul>
        <div class="weights-total" [class.bad]="sum() !== 100" role="status" data-testid="weights-total">
          <strong>{{ fill(w().weightsSum, { n: sum() }) }}</strong>
          @if (sum() < 100) {
            <span>· {{ fill(w().weightsNeed, { n: 100 - sum() }) }}</span>
          } @else if (sum() > 100) {
            <span>· {{ fill(w().weightsOver, { n: sum() - 100 }) }}</span>
          }
          <span class="total-bar" aria-hidden="true"><span [style.width.%]="sum() > 100 ? 100 : sum()"></span></span>
        </div>
        <label class="visually-hidden" for="weights-note">{{ w().weightsNote }}</label>
        <input
          nz-input
          id="weights-note"
          class="note"
          [(ngModel)]="note"
          maxlength="200"
          [placeholder]="w().weightsNote"
          data-testid="weights-note"
        />
        @if (error(); as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" />
        }
        <div class="actions">
          <button nz-button nzType="primary" type="button" [disabled]="sum() !== 100" (click)="save()" data-testid="weights-save">
            {{ w().weightsSave }}
          </button>
          <button nz-button type="button" (click)="reset()" [disabled]="isDefault()" data-testid="weights-reset">
            <nz-icon nzType="reload" />{{ w().weightsReset }}
          </button>
        </div>
      </nz-card>
    </div>
  `,
  styles: `
    .weights {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 4px 32px;
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }
    .weight {
      padding: 8px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .weight-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .weight-name {
      font-weight: 600;
    }
    .weight-value {
      width: 76px;
    }
    .weight-slider {
      display: block;
      margin: 6px 6px 2px;
    }
    .weight-explain {
      margin: 0;
    }
    .weights-total {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 8px;
      margin-bottom: 12px;
      font-size: 15px;
    }
    .total-bar {
      flex: 1 1 160px;
      height: 6px;
      border-radius: 3px;
      background: #f0f0f0;
      overflow: hidden;
    }
    .total-bar span {
      display: block;
      height: 100%;
      background: #52c41a;
    }
    .bad {
      color: #a8071a;
    }
    .bad .total-bar span {
      background: #cf1322;
    }
    .note {
      display: block;
      max-width: 400px;
      margin: 0 0 12px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    nz-alert {
      display: block;
      margin-bottom: 12px;
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
  protected readonly values = signal<Record<WeightKey, number>>({
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
  protected readonly isDefault = computed(() => KEYS.every((k) => this.values()[k] === DEFAULT_WEIGHTS[k]));
  protected readonly error = signal<ApiError | null>(null);
  protected note = '';

  constructor() {
    this.api.weights().subscribe({ next: (c) => this.show(c), error: (err: unknown) => this.error.set(toApiError(err)) });
  }

  private show(c: WeightsDto): void {
    this.current.set(c);
    this.values.set(Object.fromEntries(KEYS.map((k) => [k, c[k]])) as Record<WeightKey, number>);
  }

  protected set(k: WeightKey, v: number | null): void {
    this.values.update((x) => ({ ...x, [k]: clamp(v) }));
  }

  /** Fills in version 1's weights; nothing changes until they are saved as a new version. */
  protected reset(): void {
    this.values.set({ ...DEFAULT_WEIGHTS });
    this.message.info(this.w().weightsResetDone);
  }

  protected save(): void {
    const dto = { ...this.values(), ...(this.note ? { note: this.note } : {}) };
    this.api.setWeights(dto).subscribe({
      next: (c) => {
        this.show(c);
        this.error.set(null);
        this.note = '';
        this.message.success(fill(this.w().weightsVersion, { v: c.version }));
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
