import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { FollowUpsApi, type RecordVisitDto } from './follow-ups-api';

interface Pending {
  visitId: string;
  traineeName: string;
  dto: RecordVisitDto;
}

const KEY = 'jbh.followUps.outbox';

/**
 * Visits typed without a connection are kept on the phone (localStorage) and sent when it returns.
 * Each carries the clientRef made when it was typed, so a send that reached the server but whose
 * answer was lost is recognised there, never recorded twice.
 */
@Injectable({ providedIn: 'root' })
export class VisitOutbox {
  private readonly api = inject(FollowUpsApi);
  private readonly items = signal<Pending[]>(this.read());
  readonly pending = this.items.asReadonly();
  private flushing = false;

  constructor() {
    window.addEventListener('online', () => void this.flush());
  }

  /** Sends now if possible; keeps it for later when the network is down. Returns whether it was sent. */
  async submit(visitId: string, traineeName: string, dto: RecordVisitDto): Promise<'sent' | 'queued'> {
    try {
      await firstValueFrom(this.api.record(visitId, dto));
      return 'sent';
    } catch (e) {
      if (e instanceof HttpErrorResponse && e.status === 0) {
        this.save([...this.items().filter((p) => p.visitId !== visitId), { visitId, traineeName, dto }]);
        return 'queued';
      }
      throw e;
    }
  }

  /** Sends what is waiting, oldest first; stops at the first network failure. */
  async flush(): Promise<number> {
    if (this.flushing) return 0;
    this.flushing = true;
    let sent = 0;
    try {
      for (const p of [...this.items()]) {
        try {
          await firstValueFrom(this.api.record(p.visitId, p.dto));
        } catch (e) {
          if (e instanceof HttpErrorResponse && e.status === 0) break;
          // A refusal (e.g. recorded meanwhile from another phone) will not improve by retrying.
        }
        this.save(this.items().filter((x) => x.visitId !== p.visitId));
        sent++;
      }
    } finally {
      this.flushing = false;
    }
    return sent;
  }

  private read(): Pending[] {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '[]') as Pending[];
    } catch {
      return [];
    }
  }

  private save(list: Pending[]): void {
    localStorage.setItem(KEY, JSON.stringify(list));
    this.items.set(list);
  }
}
