import type { ClassEnrolmentState, SessionEnrolmentState } from '../learning-types';

export function classStateColor(state: ClassEnrolmentState): string {
  switch (state) {
    case 'active':
    case 'approved':
      return 'green';
    case 'graduated':
      return 'gold';
    case 'applied':
      return 'blue';
    case 'waitlisted':
      return 'orange';
    case 'rejected':
      return 'red';
    case 'withdrawn':
    case 'transferred':
      return 'default';
  }
}

export function sessionStateColor(state: SessionEnrolmentState): string {
  switch (state) {
    case 'enrolled':
      return 'green';
    case 'passed':
      return 'gold';
    case 'waitlisted':
      return 'orange';
    case 'failed':
      return 'red';
    case 'withdrawn':
      return 'default';
  }
}

/** Today as `YYYY-MM-DD` in local time (attendance is for a calendar day where the teacher is). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Seats left, never below zero. */
export function seatsLeft(item: { readonly capacity: number; readonly seatsTaken: number }): number {
  return Math.max(0, item.capacity - item.seatsTaken);
}
