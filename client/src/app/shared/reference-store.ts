import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { DivisionDto } from '../core/api/api-types';

/** Hainan's city/county divisions, loaded once and shared by every form and filter. */
@Injectable({ providedIn: 'root' })
export class ReferenceStore {
  private readonly http = inject(HttpClient);
  private readonly divisionList = signal<DivisionDto[]>([]);
  private requested = false;

  readonly divisions = this.divisionList.asReadonly();

  loadDivisions(): void {
    if (this.requested) return;
    this.requested = true;
    this.http.get<DivisionDto[]>('/api/reference/divisions').subscribe({
      next: (list) => this.divisionList.set(list),
      error: () => (this.requested = false),
    });
  }
}
