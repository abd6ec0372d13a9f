import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, type Signal, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { queryParams } from '../core/api/query-params';
import type { paths } from '../core/api/generated/api';
import { SILENT_ERRORS } from '../core/errors/error-context';

/** The reference lists: routes of the contract that answer a whole list to a plain GET. */
type ListPath =
  '/api/reference/divisions' | '/api/reference/industries' | '/api/reference/skill-levels' | '/api/reference/recommendation-reasons';
/** What a route answers, read from the generated contract: a renamed route or field fails the build. */
type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } }
  ? T
  : never;

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/**
 * Reference data — divisions, industries, skill levels, recommendation reasons (the controlled
 * vocabulary employers may read) — each loaded once and shared by every form and filter, and the
 * occupation search. Routes and answer types come from the generated contract.
 */
@Injectable({ providedIn: 'root' })
export class ReferenceStore {
  private readonly http = inject(HttpClient);
  private readonly lists = new Map<ListPath, { value: ReturnType<typeof signal<unknown[]>>; requested: boolean }>();

  readonly divisions = this.list('/api/reference/divisions');
  readonly industries = this.list('/api/reference/industries');
  readonly skillLevels = this.list('/api/reference/skill-levels');
  readonly recommendationReasons = this.list('/api/reference/recommendation-reasons');

  loadDivisions(): void {
    this.load('/api/reference/divisions');
  }

  /** Loads a list unless it is loaded or on its way; a failed load may be tried again. */
  load(path: ListPath): void {
    const entry = this.lists.get(path)!;
    if (entry.requested) return;
    entry.requested = true;
    this.http.get<unknown[]>(path, silent()).subscribe({
      next: (items) => entry.value.set(items),
      error: () => (entry.requested = false),
    });
  }

  /** Occupations of the 2022 classification matching `q` (a name, part of one, or a code). */
  occupations(q: string): Observable<Answer<'/api/reference/occupations'>> {
    const path: keyof paths = '/api/reference/occupations';
    return this.http.get<Answer<'/api/reference/occupations'>>(path, { params: queryParams({ q, page: 1, pageSize: 30 }), ...silent() });
  }

  private list<P extends ListPath>(path: P): Signal<Answer<P>> {
    const value = signal<unknown[]>([]);
    this.lists.set(path, { value, requested: false });
    return value.asReadonly() as Signal<Answer<P>>;
  }
}
