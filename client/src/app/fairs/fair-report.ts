import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { LoadError } from '../shared/load-error';
import { ScrollRegion } from '../shared/scroll-region';
import { type Remote, idle, loadInto } from '../shared/remote';
import { FairsApi } from './fairs-api';
import { FairsI18n } from './fairs-i18n';
import type { FairReportDto } from './fairs-types';

/** `/fairs/:id/report`: what the fair produced, by employer and by order; Excel for the bureau's files. */
@Component({
  selector: 'jbh-fair-report',
  imports: [RouterLink, NzButtonModule, NzCardModule, NzIconModule, NzSpinModule, NzTableModule, LoadError, ScrollRegion],
  template: `
    <div class="page" data-testid="fair-report">
      <a [routerLink]="['/fairs', id()]" class="back no-print"><span nz-icon nzType="arrow-left"></span></a>
      @if (report().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (report().data; as r) {
        <header class="page-head">
          <div>
            <h1 class="page-title">{{ t('report.title') }}</h1>
            <p class="page-subtitle">{{ r.title }} · {{ date(r.fairDate) }}</p>
          </div>
          <button nz-button type="button" class="no-print" (click)="download()" data-testid="report-excel">
            <span nz-icon nzType="download"></span>{{ t('report.excel') }}
          </button>
        </header>
        <div class="figures">
          @for (f of figures(r); track f[0]) {
            <div class="figure" data-testid="report-figure">
              <span class="value">{{ f[1] }}</span><span class="label">{{ t(f[0]) }}</span>
            </div>
          }
        </div>
        <nz-card [nzTitle]="t('report.byEmployer')">
          <nz-table
            [nzData]="r.byEmployer"
            [nzShowPagination]="false"
            nzSize="small"
            [nzScroll]="{ x: '560px' }"
            [jbhScrollRegion]="t('report.byEmployer')"
          >
            <thead>
              <tr>
                <th>{{ t('report.employer') }}</th>
                <th nzAlign="right">{{ t('report.booked') }}</th>
                <th nzAlign="right">{{ t('report.interviewed') }}</th>
                <th nzAlign="right">{{ t('report.intents') }}</th>
                <th nzAlign="right">{{ t('report.offers') }}</th>
                <th nzAlign="right">{{ t('report.hires') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (x of r.byEmployer; track x.employerName) {
                <tr>
                  <td>{{ x.employerName }}</td>
                  <td nzAlign="right">{{ x.booked }}</td>
                  <td nzAlign="right">{{ x.interviewed }}</td>
                  <td nzAlign="right">{{ x.intents }}</td>
                  <td nzAlign="right">{{ x.offers }}</td>
                  <td nzAlign="right">{{ x.hires }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>
        <nz-card [nzTitle]="t('report.byOrder')">
          <nz-table
            [nzData]="r.byOrder"
            [nzShowPagination]="false"
            nzSize="small"
            [nzScroll]="{ x: '640px' }"
            [jbhScrollRegion]="t('report.byOrder')"
          >
            <thead>
              <tr>
                <th>{{ t('report.employer') }}</th>
                <th>{{ t('report.order') }}</th>
                <th nzAlign="right">{{ t('report.intents') }}</th>
                <th nzAlign="right">{{ t('report.offers') }}</th>
                <th nzAlign="right">{{ t('report.hires') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (x of r.byOrder; track x.employerName + x.orderTitle) {
                <tr>
                  <td>{{ x.employerName }}</td>
                  <td>{{ x.orderTitle }}</td>
                  <td nzAlign="right">{{ x.intents }}</td>
                  <td nzAlign="right">{{ x.offers }}</td>
                  <td nzAlign="right">{{ x.hires }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>
      } @else {
        <nz-spin class="card-spin" />
      }
    </div>
  `,
  styles: `
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(110px, 1fr));
      gap: 12px;
      margin-bottom: 16px;
    }
    .figure {
      background: #fff;
      border: 1px solid #f0f0f0;
      border-radius: 8px;
      padding: 12px;
      display: flex;
      flex-direction: column;
    }
    .value {
      font-size: 26px;
      font-weight: 700;
    }
    .label {
      color: #666;
    }
    nz-card {
      margin-bottom: 16px;
    }
    @media print {
      .no-print {
        display: none !important;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FairReport implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(FairsApi);
  private readonly i18n = inject(FairsI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly report = signal<Remote<FairReportDto>>(idle());

  ngOnInit(): void {
    this.load();
  }

  load(): void {
    loadInto(this.report, this.api.report(this.id()));
  }

  protected figures(r: FairReportDto): [Parameters<FairsI18n['t']>[0], number][] {
    return [
      ['report.registered', r.registered],
      ['report.checkedIn', r.checkedIn],
      ['report.walkIns', r.walkIns],
      ['report.interviewed', r.interviewed],
      ['report.intents', r.intents],
      ['report.offers', r.offers],
      ['report.hires', r.hires],
    ];
  }

  protected download(): void {
    this.api.reportWorkbook(this.id()).subscribe((blob) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `fair-report-${this.id().slice(0, 8)}.xlsx`;
      a.click();
      URL.revokeObjectURL(a.href);
    });
  }
}
