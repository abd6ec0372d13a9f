import type { OrderState, PlacementState } from './orders-types';

export function orderStateColor(state: OrderState): string {
  switch (state) {
    case 'draft':
      return 'default';
    case 'open':
      return 'green';
    case 'filled':
      return 'blue';
    case 'closed':
      return 'default';
  }
}

export function placementStateColor(state: PlacementState): string {
  switch (state) {
    case 'suggested':
      return 'default';
    case 'recommended':
      return 'gold';
    case 'accepted_by_trainee':
      return 'cyan';
    case 'interview':
      return 'blue';
    case 'offer':
      return 'purple';
    case 'hired':
      return 'green';
    case 'declined':
    case 'rejected':
    case 'withdrawn':
      return 'default';
  }
}

/** `YYYY-MM-DD` of today in the browser's zone (for date inputs' defaults and minimums). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
