import { Injectable, signal } from '@angular/core';
import type { IssuedActivationCodeDto } from '../../core/api/generated/models/issued-activation-code-dto';

export interface HandedCode extends IssuedActivationCodeDto {
  readonly traineeId: string;
}

/**
 * Carries a just-issued code from the trainee file's card to the handover sheet, in memory only:
 * never in storage, the URL or the history state. The sheet takes it once; a reload forgets it.
 */
@Injectable({ providedIn: 'root' })
export class ActivationHandoff {
  private readonly held = signal<HandedCode | null>(null);

  give(code: HandedCode): void {
    this.held.set(code);
  }

  /** The code for this trainee, if one was handed over; it is forgotten here as it is taken. */
  take(traineeId: string): HandedCode | null {
    const code = this.held();
    this.held.set(null);
    return code && code.traineeId === traineeId ? code : null;
  }

  clear(): void {
    this.held.set(null);
  }
}
