import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { OrdersI18n, type OrdersTextKey } from '../orders-i18n';
import type { PlacementEventDto } from '../orders-types';

const ROLES = ['trainee', 'counsellor', 'employer', 'admin', 'system'];

/** Each step of a placement: when, what it became, who acted (by role) and whether for the trainee. */
@Component({
  selector: 'jbh-placement-history',
  template: `
    <ol class="history" data-testid="placement-history">
      @for (e of events(); track $index) {
        <li>
          <span class="muted small">{{ dateTime(e.at) }}</span>
          <strong> {{ t(stateKey(e.toState)) }}</strong>
          <span class="muted"> · {{ t(roleKey(e.actorRole)) }}</span>
          @if (e.assisted) {
            <span class="muted">（{{ t('pl.assisted') }}）</span>
          }
          @if (e.note) {
            <div class="small">{{ e.note }}</div>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .history {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .history li {
      padding: 6px 0;
      border-bottom: 1px dashed #f0f0f0;
    }
    .history li:last-child {
      border-bottom: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlacementHistory {
  readonly events = input.required<readonly PlacementEventDto[]>();
  private readonly i18n = inject(OrdersI18n);
  protected readonly t = this.i18n.t;
  protected readonly dateTime = this.i18n.dateTime;

  protected stateKey(state: PlacementEventDto['toState']): OrdersTextKey {
    return `pState.${state}`;
  }

  protected roleKey(role: string): OrdersTextKey {
    return ROLES.includes(role) ? (`role.${role}` as OrdersTextKey) : 'role.system';
  }
}
