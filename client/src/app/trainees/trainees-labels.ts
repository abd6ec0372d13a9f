import type { ConsentDto, CorrectionStatus, HandoverState, TraineeState } from './trainees-types';

export function traineeStateColor(state: TraineeState): string {
  switch (state) {
    case 'admitted':
      return 'gold';
    case 'pre_release':
      return 'orange';
    case 'released':
      return 'blue';
    case 'community':
      return 'green';
    case 'closed':
      return 'default';
  }
}

export function handoverStateColor(state: HandoverState): string {
  switch (state) {
    case 'prepared':
      return 'default';
    case 'sent':
      return 'blue';
    case 'accepted':
      return 'cyan';
    case 'completed':
      return 'green';
    case 'rejected':
      return 'red';
  }
}

export function correctionStatusColor(status: CorrectionStatus): string {
  return status === 'open' ? 'orange' : status === 'resolved' ? 'green' : 'default';
}

export function consentColor(consent: ConsentDto): string {
  return consent.live ? 'green' : 'default';
}

/** Today as `YYYY-MM-DD` in local time (dates here are calendar days where the counsellor is). */
export function todayIso(): string {
  return isoDay(new Date());
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return isoDay(new Date(y, m - 1, d + days));
}

/** "焊工、电工, 厨师" → ['焊工', '电工', '厨师']: people type lists with whichever separator is at hand. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
