import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import type { FulfilmentDto } from '../orders-types';

interface Stage {
  readonly key: OrdersTextKey;
  readonly value: number;
  readonly testId: string;
  readonly strong?: boolean;
}

/** How an order is filling: headcount, then each step a candidate passes, hired against the headcount. */
@Component({
  selector: 'jbh-fulfilment-funnel',
  imports: [NzProgressModule],
  template: `
    <section class="funnel" [attr.aria-label]="t('fun.title')" data-testid="fulfilment">
      <div class="funnel-head">
        <h2 class="funnel-title">{{ t('fun.title') }}</h2>
        <span class="funnel-fill" data-testid="fulfilment-fill">{{
          t('fill.count', { hired: fulfilment().hired, headcount: fulfilment().headcount })
        }}</span>
      </div>
      <nz-progress [nzPercent]="percent()" [nzShowInfo]="false" nzStrokeColor="#389e0d" />
      <ol class="stages">
        @for (s of stages(); track s.key) {
          <li class="stage" [class.strong]="s.strong" [attr.data-testid]="s.testId">
            <span class="stage-value">{{ s.value }}</span>
            <span class="stage-label">{{ t(s.key) }}</span>
          </li>
        }
      </ol>
      @if (fulfilment().hiredAtLeast3MonthsAgo > 0 || fulfilment().hiredAtLeast6MonthsAgo > 0) {
        <p class="retention">
          @if (fulfilment().hiredAtLeast3MonthsAgo > 0) {
            <span>{{
              t('fun.retention3', { kept: fulfilment().stillEmployedAt3Months, hired: fulfilment().hiredAtLeast3MonthsAgo })
            }}</span>
          }
          @if (fulfilment().hiredAtLeast6MonthsAgo > 0) {
            <span>{{
              t('fun.retention6', { kept: fulfilment().stillEmployedAt6Months, hired: fulfilment().hiredAtLeast6MonthsAgo })
            }}</span>
          }
        </p>
      }
    </section>
  `,
  styles: `
    .funnel {
      margin-bottom: 16px;
      padding: 16px 20px;
      background: #fff;
      border-radius: 8px;
    }
    .funnel-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
    }
    .funnel-title {
      margin: 0;
      font-size: 17px;
      font-weight: 600;
    }
    .funnel-fill {
      font-weight: 600;
      color: #237804;
    }
    .stages {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
      gap: 8px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .stage {
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 8px 4px;
      border-radius: 8px;
      background: #faf7f0;
      text-align: center;
    }
    .stage.strong {
      background: #f6ffed;
    }
    .stage-value {
      font-size: 22px;
      font-weight: 600;
      line-height: 1.2;
    }
    .stage-label {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.65);
    }
    .retention {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 8px 0 0;
      color: rgba(0, 0, 0, 0.65);
    }
    @media (max-width: 767.98px) {
      .funnel {
        padding: 12px 14px;
      }
      .stages {
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }
      .stage-value {
        font-size: 18px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FulfilmentFunnel {
  readonly fulfilment = input.required<FulfilmentDto>();
  protected readonly t = inject(OrdersI18n).t;

  protected readonly percent = computed(() => {
    const f = this.fulfilment();
    return f.headcount > 0 ? Math.min(100, Math.round((f.hired / f.headcount) * 100)) : 0;
  });

  protected readonly stages = computed((): Stage[] => {
    const f = this.fulfilment();
    return [
      { key: 'fun.headcount', value: f.headcount, testId: 'fun-headcount' },
      { key: 'fun.recommended', value: f.recommended, testId: 'fun-recommended' },
      { key: 'fun.accepted', value: f.accepted, testId: 'fun-accepted' },
      { key: 'fun.interviewing', value: f.interviewing, testId: 'fun-interviewing' },
      { key: 'fun.offered', value: f.offered, testId: 'fun-offered' },
      { key: 'fun.hired', value: f.hired, testId: 'fun-hired', strong: true },
      { key: 'fun.stillEmployed', value: f.stillEmployed, testId: 'fun-still-employed' },
    ];
  });
}
