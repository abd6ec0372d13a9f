import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthStore } from '../../core/auth/auth-store';
import { LoadError } from '../../shared/load-error';
import { type Remote, idle, loadInto } from '../../shared/remote';
import { OrdersApi } from '../orders-api';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import { placementStateColor } from '../orders-labels';
import type { PlacementDto } from '../orders-types';
import { PlacementHistory } from '../shared/placement-history';
import { RecommendationReasons } from '../shared/recommendation-reasons';
import { PlacementActions } from './placement-actions';

/** `/placements/:id`: one trainee on one order — where it stands, what comes next, and how it got here. */
@Component({
  selector: 'jbh-placement-detail',
  imports: [RouterLink, NzIconModule, NzSpinModule, NzTagModule, LoadError, PlacementActions, PlacementHistory],
  template: `
    <div class="page page-narrow" data-testid="placement-detail">
      <a class="back-link" routerLink="/placements"><nz-icon nzType="left" /> {{ t('pl.back') }}</a>
      @if (placement().error; as err) {
        <jbh-load-error [error]="err" (retry)="load()" />
      } @else if (placement().data; as p) {
        <header class="page-head">
          <div>
            <h1 class="page-title" data-testid="placement-trainee">{{ p.traineeName }}</h1>
            <p class="page-subtitle">
              <a [routerLink]="['/orders', p.orderId]">{{ p.orderTitle }}</a> · {{ p.employerName }} · {{ p.orderDivisionName }}
            </p>
          </div>
          <nz-tag [nzColor]="stateColor(p.state)" data-testid="placement-state">{{ t(stateKey(p)) }}</nz-tag>
        </header>
        <section class="order-card">
          <dl class="facts">
            <div>
              <dt>{{ t('pl.code') }}</dt>
              <dd class="mono">{{ p.candidateCode }}</dd>
            </div>
            <div>
              <dt>{{ t('pl.source') }}</dt>
              <dd>{{ t(sourceKey(p)) }}</dd>
            </div>
            <div>
              <dt>{{ t('col.occupation') }}</dt>
              <dd>{{ p.occupationName }}</dd>
            </div>
            @if (p.interviewAt) {
              <div>
                <dt>{{ t('jobs.interview') }}</dt>
                <dd>{{ dateTime(p.interviewAt) }} · {{ p.interviewPlace }}</dd>
              </div>
            }
            @if (p.offeredWage !== null) {
              <div>
                <dt>{{ t('jobs.wage') }}</dt>
                <dd>{{ t('wage.month', { wage: p.offeredWage }) }}</dd>
              </div>
            }
            @if (p.hiredOn) {
              <div>
                <dt>{{ t('step.hiredOn') }}</dt>
                <dd>{{ date(p.hiredOn) }}</dd>
              </div>
            }
            @if (p.endedOn) {
              <div>
                <dt>{{ t('step.endedOn') }}</dt>
                <dd>{{ date(p.endedOn) }}</dd>
              </div>
            }
          </dl>
          <p class="contact-line" [class.muted]="!p.contactShared" data-testid="placement-contact">
            {{ t(p.contactShared ? 'pl.contactShared' : 'pl.contactHidden') }}
          </p>
          @if (p.reasons.length) {
            <div class="reasons-line" data-testid="placement-reasons">
              <span class="muted">{{ t('pl.reasons') }}</span>
              <div class="reason-tags">
                @for (code of p.reasons; track code) {
                  <nz-tag nzColor="green">{{ reasons.label(code) }}</nz-tag>
                }
              </div>
            </div>
          }
          @if (p.note) {
            <p class="description internal-note" data-testid="placement-note">
              <nz-tag nzColor="orange">{{ t('pl.note') }}</nz-tag>
              <span class="pre-line">{{ p.note }}</span>
            </p>
          }
        </section>
        @if (isCounsellor()) {
          <section class="order-card">
            <h2>{{ t('pl.actions') }}</h2>
            <jbh-placement-actions [placement]="p" (changed)="changed($event)" />
          </section>
        }
        <section class="order-card">
          <h2>{{ t('pl.history') }}</h2>
          <jbh-placement-history [events]="p.events" />
        </section>
      } @else {
        <nz-spin class="card-spin" />
      }
    </div>
  `,
  styleUrl: '../orders.css',
  styles: `
    .reasons-line {
      margin-top: 10px;
    }
    .reason-tags {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 0;
      margin-top: 4px;
    }
    .internal-note {
      margin-top: 10px;
    }
    .pre-line {
      white-space: pre-line;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementDetail implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(OrdersApi);
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly dateTime = this.i18n.dateTime;
  protected readonly stateColor = placementStateColor;
  private readonly role = inject(AuthStore).role;
  protected readonly isCounsellor = computed(() => this.role() === 'counsellor');
  protected readonly placement = signal<Remote<PlacementDto>>(idle());
  protected readonly reasons = inject(RecommendationReasons);

  constructor() {
    this.reasons.load();
  }

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    loadInto(this.placement, this.api.placement(this.id()));
  }

  protected stateKey(p: PlacementDto): OrdersTextKey {
    return p.endedOn ? 'pState.ended' : `pState.${p.state}`;
  }

  protected sourceKey(p: PlacementDto): OrdersTextKey {
    return `source.${p.source}`;
  }

  protected changed(p: PlacementDto): void {
    this.placement.set({ loading: false, data: p, error: null });
  }
}
