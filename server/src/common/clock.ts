import { Injectable } from '@nestjs/common';

/**
 * The time, from one place: scheduled work and date rules ask the Clock, so tests can move it
 * (e.g. to the day a trainee's pre-release opens) without touching the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** `YYYY-MM-DD` in China Standard Time, the calendar the facilities work by. */
  today(): string {
    return new Date(this.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  }

  /** Tests only: pretend it is `at`. */
  travelTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
