import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type ApiError, toApiError } from '../core/errors/api-error';
import { I18n } from '../core/i18n/i18n';
import { pageTotal } from '../shared/page-total';
import { ReferenceStore } from '../shared/reference-store';
import { ListSkeleton } from '../shared/list-skeleton';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { RecommendationReasons } from '../orders/shared/recommendation-reasons';
import {
  type CandidateMatchDto,
  type CandidateRankingDto,
  MatchingApi,
  type RecommendationReasonCode,
  type ScorePartDto,
  type WhyNotDto,
} from './matching-api';
import { MATCHING_EN, MATCHING_ZH } from './matching-words';

const fill = (text: string, p: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => (k in p ? String(p[k]) : w));

/** `/matching/orders/:id`: a counsellor's ranked candidates for an order, each score explained, and "why not". */
@Component({
  selector: 'jbh-order-matching',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzInputModule,
    NzPaginationModule,
    NzProgressModule,
    NzSelectModule,
    NzTagModule,
    ListSkeleton,
    LoadError,
  ],
  template: `
    <div class="page" data-testid="order-matching-page">
      <a [routerLink]="['/orders', id()]" class="back">← {{ ranking().data?.orderTitle ?? '' }}</a>
      <header class="page-head">
        <div>
          <h1 class="page-title">{{ w().title }} · {{ ranking().data?.employerName }} {{ ranking().data?.orderTitle }}</h1>
          <p class="page-subtitle">{{ w().subtitle }}</p>
        </div>
        @if (ranking().data; as r) {
          <nz-tag data-testid="weights-version">{{ fill(w().weightsVersion, { v: r.weightsVersion }) }}</nz-tag>
        }
      </header>
      <div class="filters">
        <label class="visually-hidden" for="matching-division">{{ w().division }}</label>
        <nz-select
          nzId="matching-division"
          class="filter"
          nzAllowClear
          [nzPlaceHolder]="w().division"
          [attr.aria-label]="w().division"
          [(ngModel)]="divisionCode"
          (ngModelChange)="reload()"
        >
          @for (d of divisions(); track d.code) {
            <nz-option [nzValue]="d.code" [nzLabel]="d.name" />
          }
        </nz-select>
        <label class="filter-date"
          >{{ w().availableBy }} <input nz-input type="date" [(ngModel)]="availableBy" (ngModelChange)="reload()"
        /></label>
      </div>
      @if (error(); as err) {
        <nz-alert class="alert" nzType="error" nzShowIcon [nzMessage]="i18n.errorMessage(err)" role="alert" data-testid="matching-error" />
      }
      @if (ranking().error; as err) {
        <jbh-load-error [error]="err" (retry)="reload()" />
      } @else if (ranking().data; as r) {
        <p class="muted">{{ fill(w().total, { n: pageTotal(r) }) }}</p>
        @for (c of r.items; track c.traineeId; let i = $index) {
          <nz-card class="cand" data-testid="match-candidate">
            <div class="cand-head">
              <span class="rank">{{ (page - 1) * 20 + i + 1 }}</span>
              <div class="who">
                <strong>{{ c.fullName }}</strong>
                <span class="muted"> · {{ c.homeDivisionName }}</span>
                @if (c.placementState) {
                  <nz-tag nzColor="blue">{{ stateName(c.placementState) }}</nz-tag>
                }
              </div>
              <span class="score" data-testid="match-score">{{ fill(w().score, { n: c.score }) }}</span>
            </div>
            <ul class="parts">
              @for (p of c.parts; track p.key) {
                <li data-testid="match-part">
                  <span class="part-name">{{ partName(p) }}</span>
                  <nz-progress class="bar" [nzPercent]="p.value * 100" [nzShowInfo]="false" nzSize="small" />
                  <span class="points">{{ p.points }}/{{ p.weight }}</span>
                  <span class="reason">{{ reason(p) }}</span>
                </li>
              }
            </ul>
            @if (c.missing.length) {
              <p class="missing">{{ fill(w().missing, { list: c.missing.join('、') }) }}</p>
            }
            @if (!c.placementState) {
              <div class="actions">
                <label class="visually-hidden" [for]="'reasons-' + c.traineeId">{{ w().reasonsPlaceholder }}</label>
                <nz-select
                  [nzId]="'reasons-' + c.traineeId"
                  class="reasons"
                  nzMode="multiple"
                  [nzPlaceHolder]="w().reasonsPlaceholder"
                  [attr.aria-label]="w().reasonsPlaceholder"
                  [(ngModel)]="reasonsFor[c.traineeId]"
                  data-testid="match-reasons"
                >
                  @for (r of reasons.list(); track r.code) {
                    <nz-option [nzValue]="r.code" [nzLabel]="reasons.text(r)" />
                  }
                </nz-select>
                <input
                  nz-input
                  class="note"
                  [placeholder]="w().notePlaceholder"
                  [attr.aria-label]="w().notePlaceholder"
                  [(ngModel)]="notes[c.traineeId]"
                  maxlength="500"
                />
                <button nz-button nzType="primary" type="button" (click)="recommend(c)" data-testid="match-recommend">
                  {{ w().recommend }}
                </button>
              </div>
            }
            <div class="actions small">
              <button nz-button nzSize="small" type="button" (click)="readiness(c, true)">{{ w().ready }}</button>
              <button nz-button nzSize="small" type="button" (click)="readiness(c, false)">{{ w().notReady }}</button>
            </div>
          </nz-card>
        } @empty {
          <nz-card><nz-empty /></nz-card>
        }
        @if (r.total > 20) {
          <nz-pagination [nzPageIndex]="page" [nzTotal]="r.total" [nzPageSize]="20" (nzPageIndexChange)="goTo($event)" />
        }
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="4" />
      }
      <nz-card [nzTitle]="w().whyNot" class="why-not">
        <p class="muted">{{ w().whyNotHelp }}</p>
        <label class="visually-hidden" for="why-not-trainee">{{ w().whyNot }}</label>
        <nz-select
          nzId="why-not-trainee"
          class="wide"
          nzShowSearch
          nzServerSearch
          [(ngModel)]="whyNotTrainee"
          (nzOnSearch)="searchTrainees($event)"
          data-testid="why-not-picker"
        >
          @for (tr of trainees(); track tr.id) {
            <nz-option [nzValue]="tr.id" [nzLabel]="tr.fullName" />
          }
        </nz-select>
        <button nz-button type="button" [disabled]="!whyNotTrainee" (click)="checkWhyNot()" data-testid="why-not-check">
          {{ w().whyNotCheck }}
        </button>
        @if (whyNot(); as wn) {
          <div class="why-not-result" data-testid="why-not-result">
            @if (wn.eligible) {
              <p>{{ fill(w().eligible, { n: wn.score }) }}</p>
            } @else {
              <p>
                <strong>{{ w().notEligible }}</strong>
              </p>
              <ul>
                @for (b of wn.blockers; track b) {
                  <li>{{ b }}</li>
                }
              </ul>
            }
            <ul class="parts">
              @for (p of wn.parts; track p.key) {
                <li>
                  <span class="part-name">{{ partName(p) }}</span> <span class="points">{{ p.points }}/{{ p.weight }}</span>
                  <span class="reason">{{ reason(p) }}</span>
                </li>
              }
            </ul>
          </div>
        }
      </nz-card>
    </div>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin-bottom: 12px;
      align-items: center;
    }
    .filter {
      min-width: 180px;
    }
    .filter-date {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    .cand {
      margin-bottom: 12px;
    }
    .cand-head {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .rank {
      font-size: 22px;
      font-weight: 700;
      color: #b8860b;
      min-width: 28px;
    }
    .who {
      flex: 1;
    }
    .score {
      font-size: 20px;
      font-weight: 700;
    }
    .parts {
      list-style: none;
      padding: 0;
      margin: 8px 0;
    }
    .parts li {
      display: grid;
      grid-template-columns: 48px 120px 56px 1fr;
      gap: 8px;
      align-items: center;
      padding: 2px 0;
    }
    .points {
      color: #666;
      font-variant-numeric: tabular-nums;
    }
    .missing {
      color: #8a5300;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
    .reasons {
      flex: 2;
      min-width: 240px;
    }
    .note {
      flex: 1;
      min-width: 200px;
    }
    .why-not {
      margin-top: 16px;
    }
    .wide {
      width: 100%;
      margin-bottom: 8px;
    }
    .alert {
      margin-bottom: 12px;
    }
    @media (max-width: 600px) {
      .parts li {
        grid-template-columns: 48px 1fr 56px;
      }
      .parts .reason {
        grid-column: 1 / -1;
        color: #555;
        font-size: 13px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderMatching {
  readonly id = input.required<string>();
  private readonly api = inject(MatchingApi);
  private readonly message = inject(NzMessageService);
  private readonly reference = inject(ReferenceStore);
  protected readonly i18n = inject(I18n);
  protected readonly w = computed(() => (this.i18n.isEnglish() ? MATCHING_EN : MATCHING_ZH));
  protected readonly fill = fill;
  /** "10,000+" past the server's count cap. */
  protected readonly pageTotal = pageTotal;
  protected readonly ranking = signal<Remote<CandidateRankingDto>>(idle());
  protected readonly whyNot = signal<WhyNotDto | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly trainees = signal<{ id: string; fullName: string }[]>([]);
  protected readonly divisions = this.reference.divisions;
  protected page = 1;
  protected divisionCode: string | null = null;
  protected availableBy = '';
  protected whyNotTrainee: string | null = null;
  protected notes: Record<string, string> = {};
  protected reasonsFor: Record<string, RecommendationReasonCode[]> = {};
  protected readonly reasons = inject(RecommendationReasons);

  constructor() {
    effect(() => {
      this.id();
      this.reload();
    });
    this.searchTrainees('');
    this.reference.loadDivisions();
    this.reasons.load();
  }

  reload(): void {
    loadInto(
      this.ranking,
      this.api.candidates(this.id(), {
        page: this.page,
        pageSize: 20,
        ...(this.divisionCode ? { divisionCode: this.divisionCode } : {}),
        ...(this.availableBy ? { availableBy: this.availableBy } : {}),
      }),
    );
  }

  protected goTo(page: number): void {
    this.page = page;
    this.reload();
  }

  /** The candidate's placement state in words; an unknown (newer) state shows as its code. */
  protected stateName(state: string): string {
    const states: Readonly<Record<string, string>> = this.w().states;
    return Object.hasOwn(states, state) ? states[state]! : state;
  }

  protected partName(p: ScorePartDto): string {
    return this.w().parts[p.key];
  }

  protected reason(p: ScorePartDto): string {
    return this.i18n.isEnglish() ? p.reasonEn : p.reason;
  }

  protected recommend(c: CandidateMatchDto): void {
    this.error.set(null);
    this.api.recommend(this.id(), c.traineeId, this.reasonsFor[c.traineeId] ?? [], this.notes[c.traineeId] ?? '').subscribe({
      next: () => {
        this.message.success(this.w().recommended);
        this.reload();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected readiness(c: CandidateMatchDto, ready: boolean): void {
    this.api.setReadiness(c.traineeId, ready, '').subscribe({
      next: () => {
        this.message.success(this.w().readinessSaved);
        this.reload();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected searchTrainees(q: string): void {
    this.api.searchTrainees(q.trim()).subscribe({ next: (p) => this.trainees.set(p.items), error: () => this.trainees.set([]) });
  }

  protected checkWhyNot(): void {
    if (!this.whyNotTrainee) return;
    this.api.whyNot(this.id(), this.whyNotTrainee).subscribe({
      next: (r) => this.whyNot.set(r),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
