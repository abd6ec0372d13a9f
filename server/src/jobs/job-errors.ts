import { scrubIdentityNumbers } from '../common/logging';

/** Longest error text kept with a failed job. */
const MAX = 300;

/**
 * An error as a failed job may keep it (pg-boss stores it in `pgboss.job.output`, and the administrator's
 * list shows it): the message only, with quoted values, identity numbers and phone-like digit runs
 * withheld, clipped. A transport's error may quote a phone number or a name; the list must not.
 */
export function jobErrorText(text: string): string {
  const withheld = scrubIdentityNumbers(text.replace(/"[^"]*"|'[^']*'|“[^”]*”/g, '"…"')).replace(/\+?\d[\d -]{8,}\d/g, '…');
  const chars = [...withheld];
  return chars.length <= MAX ? withheld : `${chars.slice(0, MAX - 1).join('')}…`;
}

/** What a job's handler throws to pg-boss in place of the original error: its safe text, no stack. */
export class JobFailure extends Error {
  constructor(cause: unknown) {
    super(jobErrorText(cause instanceof Error ? `${cause.name}: ${cause.message}` : 'the job failed without an error'));
    this.name = 'JobFailure';
    this.stack = `${this.name}: ${this.message}`;
  }
}
