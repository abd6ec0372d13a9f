import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { I18n } from '../core/i18n/i18n';
import { ListSkeleton } from '../shared/list-skeleton';
import { LoadError } from '../shared/load-error';
import { type Remote, idle, loadInto } from '../shared/remote';
import { MatchingApi, type OrderMatchesDto, type ScorePartDto } from './matching-api';
import { MATCHING_EN, MATCHING_ZH } from './matching-words';

const fill = (text: string, p: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => (k in p ? String(p[k]) : w));

/**
 * `/matching/me`: open orders that fit the trainee, phone first. What fits and what is missing, in
 * plain words; courses close the gap. Applying still goes through the counsellor (a recommendation).
 */
@Component({
  selector: 'jbh-my-matches',
  imports: [RouterLink, NzButtonModule, NzCardModule, NzProgressModule, ListSkeleton, LoadError],
  template: `
    <div class="page" data-testid="my-matches">
      <h1 class="page-title">{{ w().myTitle }}</h1>
      <p class="page-subtitle">{{ w().mySubtitle }}</p>
      @if (matches().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (matches().data; as m) {
        @for (o of m.orders; track o.orderId) {
          <nz-card class="order" data-testid="my-match">
            <div class="head">
              <div>
                <strong class="title">{{ o.orderTitle }}</strong>
                <p class="muted">{{ o.employerName }} · {{ o.divisionName }}</p>
              </div>
              <nz-progress nzType="circle" [nzWidth]="56" [nzPercent]="o.score" [nzFormat]="scoreText" />
            </div>
            <p>
              @if (o.wageMin || o.wageMax) {
                {{ fill(w().wage, { min: o.wageMin ?? '', max: o.wageMax ?? '' }) }} ·
              }
              {{ fill(w().start, { date: i18n.date(o.startDate) }) }}
            </p>
            <ul class="good">
              @for (p of strong(o.parts); track p.key) {
                <li>✓ {{ reason(p) }}</li>
              }
            </ul>
            @if (o.missing.length) {
              <p class="missing">{{ fill(w().missing, { list: o.missing.join('、') }) }}</p>
              <a nz-button routerLink="/learning/courses">{{ w().courses }}</a>
            }
          </nz-card>
        } @empty {
          <nz-card
            ><p>{{ w().myNone }}</p>
            <a nz-button routerLink="/learning/courses">{{ w().courses }}</a></nz-card
          >
        }
      } @else {
        <jbh-list-skeleton variant="cards" [rows]="3" />
      }
    </div>
  `,
  styles: `
    .order {
      margin-bottom: 12px;
    }
    .head {
      display: flex;
      justify-content: space-between;
      gap: 12px;
    }
    .title {
      font-size: 17px;
    }
    .good {
      list-style: none;
      padding: 0;
      color: #237804;
    }
    .missing {
      color: #8a5300;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyMatches {
  private readonly api = inject(MatchingApi);
  protected readonly i18n = inject(I18n);
  protected readonly w = computed(() => (this.i18n.isEnglish() ? MATCHING_EN : MATCHING_ZH));
  protected readonly fill = fill;
  protected readonly matches = signal<Remote<OrderMatchesDto>>(idle());
  protected readonly scoreText = (p: number) => `${Math.round(p)}`;

  constructor() {
    this.load();
  }

  load(): void {
    loadInto(this.matches, this.api.myOrders());
  }

  /** The parts that speak for this order (fully met), in plain words. */
  protected strong(parts: ScorePartDto[]): ScorePartDto[] {
    return parts.filter((p) => p.value >= 1 && p.weight > 0);
  }

  protected reason(p: ScorePartDto): string {
    return this.i18n.isEnglish() ? p.reasonEn : p.reason;
  }
}
