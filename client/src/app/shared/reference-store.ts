import { HttpContext } from '@angular/common/http';
import { Injectable, type Signal, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { type ApiFnOptional, ApiClient } from '../core/api/generated/api-client';
import { referenceControllerDivisions } from '../core/api/generated/fn/reference/reference-controller-divisions';
import { referenceControllerIndustries } from '../core/api/generated/fn/reference/reference-controller-industries';
import { referenceControllerOccupations } from '../core/api/generated/fn/reference/reference-controller-occupations';
import { referenceControllerRecommendationReasons } from '../core/api/generated/fn/reference/reference-controller-recommendation-reasons';
import { referenceControllerSkillLevels } from '../core/api/generated/fn/reference/reference-controller-skill-levels';
import type { components } from '../core/api/generated/api';
import type { StrictHttpResponse } from '../core/api/generated/strict-http-response';
import { operationQuery } from '../core/api/query-params';
import { SILENT_ERRORS } from '../core/errors/error-context';

type Schemas = components['schemas'];

/** The reference lists: operations of the contract that answer a whole list to a plain GET. */
const LISTS = {
  divisions: referenceControllerDivisions,
  industries: referenceControllerIndustries,
  skillLevels: referenceControllerSkillLevels,
  recommendationReasons: referenceControllerRecommendationReasons,
} satisfies Record<string, ApiFnOptional<never, unknown[]>>;
export type ReferenceList = keyof typeof LISTS;

/** What a list's operation answers, read from the generated contract: a renamed route or field fails the build. */
type Answer<F> = F extends (...args: never[]) => Observable<StrictHttpResponse<infer T>> ? T : never;
type ListItems = { [L in ReferenceList]: Answer<(typeof LISTS)[L]> };

const silent = () => new HttpContext().set(SILENT_ERRORS, true);

/**
 * Reference data — divisions, industries, skill levels, recommendation reasons (the controlled
 * vocabulary employers may read) — each loaded once and shared by every form and filter, and the
 * occupation search. Operations and answer types come from the generated contract.
 */
@Injectable({ providedIn: 'root' })
export class ReferenceStore {
  private readonly api = inject(ApiClient);
  private readonly lists = new Map<ReferenceList, { value: ReturnType<typeof signal<unknown[]>>; requested: boolean }>();

  readonly divisions = this.list('divisions');
  readonly industries = this.list('industries');
  readonly skillLevels = this.list('skillLevels');
  readonly recommendationReasons = this.list('recommendationReasons');

  loadDivisions(): void {
    this.load('divisions');
  }

  /** Loads a list unless it is loaded or on its way; a failed load may be tried again. */
  load(list: ReferenceList): void {
    const entry = this.lists.get(list)!;
    if (entry.requested) return;
    entry.requested = true;
    this.api.invoke(LISTS[list] as ApiFnOptional<never, unknown[]>, undefined, silent()).subscribe({
      next: (items) => entry.value.set(items),
      error: () => (entry.requested = false),
    });
  }

  /** Occupations of the 2022 classification matching `q` (a name, part of one, or a code). */
  occupations(q: string): Observable<Schemas['OccupationPageDto']> {
    return this.api.invoke(referenceControllerOccupations, operationQuery({ q, page: 1, pageSize: 30 }), silent());
  }

  private list<L extends ReferenceList>(list: L): Signal<ListItems[L]> {
    const value = signal<unknown[]>([]);
    this.lists.set(list, { value, requested: false });
    return value.asReadonly() as Signal<ListItems[L]>;
  }
}
