import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../../core/api/query-params';
import { SILENT_ERRORS } from '../../core/errors/error-context';
import type { IndustryDto, OccupationPageDto, SkillLevelDto } from '../trainees-types';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/**
 * The controlled vocabulary a trainee's skills and wishes are written in: occupations of the 2022
 * classification (searched), its middle categories as industries, and the five skill levels.
 * Industries and levels are loaded once and shared.
 */
@Injectable({ providedIn: 'root' })
export class SkillReference {
  private readonly http = inject(HttpClient);
  private readonly industryList = signal<IndustryDto[]>([]);
  private readonly levelList = signal<SkillLevelDto[]>([]);
  private industriesRequested = false;
  private levelsRequested = false;

  readonly industries = this.industryList.asReadonly();
  readonly levels = this.levelList.asReadonly();

  load(): void {
    if (!this.industriesRequested) {
      this.industriesRequested = true;
      this.http.get<IndustryDto[]>('/api/reference/industries', silent()).subscribe({
        next: (list) => this.industryList.set(list),
        error: () => (this.industriesRequested = false),
      });
    }
    if (!this.levelsRequested) {
      this.levelsRequested = true;
      this.http.get<SkillLevelDto[]>('/api/reference/skill-levels', silent()).subscribe({
        next: (list) => this.levelList.set(list),
        error: () => (this.levelsRequested = false),
      });
    }
  }

  occupations(q: string): Observable<OccupationPageDto> {
    return this.http.get<OccupationPageDto>('/api/reference/occupations', {
      params: queryParams({ q, page: 1, pageSize: 30 }),
      ...silent(),
    });
  }
}
