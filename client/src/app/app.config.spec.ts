import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Observable, of } from 'rxjs';
import type { Role } from './core/api/api-types';
import { AuthStore } from './core/auth/auth-store';
import { RolePreloading } from './app.config';

describe('RolePreloading: the sections a role opens next, once the page is idle', () => {
  const role = signal<Role | null>('trainee');
  let connection: { saveData?: boolean; effectiveType?: string } | undefined;

  beforeEach(() => {
    role.set('trainee');
    connection = undefined;
    Object.defineProperty(navigator, 'connection', { configurable: true, get: () => connection });
    vi.useFakeTimers();
    TestBed.configureTestingModule({ providers: [{ provide: AuthStore, useValue: { role } }] });
  });
  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(navigator, 'connection');
  });

  /** Asks the strategy about `path` and reports whether it loaded, after `ms` of (fake) time. */
  const preloads = async (path: string, ms = 10_000): Promise<boolean> => {
    let loaded = false;
    const load = (): Observable<unknown> => {
      loaded = true;
      return of(null);
    };
    TestBed.inject(RolePreloading).preload({ path }, load).subscribe();
    await vi.advanceTimersByTimeAsync(ms);
    return loaded;
  };

  it("loads the trainee's likely sections, and each section's first page, but only after start-up", async () => {
    let loaded = false;
    TestBed.inject(RolePreloading)
      .preload({ path: 'me' }, () => {
        loaded = true;
        return of(null);
      })
      .subscribe();
    // Not while the first page is still loading its own files.
    await vi.advanceTimersByTimeAsync(1000);
    expect(loaded).toBe(false);
    await vi.advanceTimersByTimeAsync(9000);
    expect(loaded).toBe(true);
    expect(await preloads('learning')).toBe(true);
    expect(await preloads('')).toBe(true);
  });

  it("never loads another role's sections", async () => {
    expect(await preloads('admin')).toBe(false);
    expect(await preloads('reports')).toBe(false);
    role.set('counsellor');
    expect(await preloads('trainees')).toBe(true);
    expect(await preloads('me')).toBe(false);
  });

  it('loads nothing for a signed-out visitor, nor after a sign-out that came while it waited', async () => {
    role.set(null);
    expect(await preloads('me')).toBe(false);
    role.set('trainee');
    let loaded = false;
    TestBed.inject(RolePreloading)
      .preload({ path: 'me' }, () => {
        loaded = true;
        return of(null);
      })
      .subscribe();
    await vi.advanceTimersByTimeAsync(1000);
    role.set(null);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loaded).toBe(false);
  });

  it('loads nothing on Save-Data or a 2G connection', async () => {
    connection = { saveData: true };
    expect(await preloads('me')).toBe(false);
    connection = { effectiveType: 'slow-2g' };
    expect(await preloads('me')).toBe(false);
    connection = { effectiveType: '4g' };
    expect(await preloads('me')).toBe(true);
  });

  it('drops a preload that fails: the section loads when it is opened', async () => {
    const failed: unknown[] = [];
    TestBed.inject(RolePreloading)
      .preload({ path: 'me' }, () => {
        throw new Error('offline');
      })
      .subscribe({ error: (e: unknown) => failed.push(e) });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(failed).toEqual([]);
  });
});
