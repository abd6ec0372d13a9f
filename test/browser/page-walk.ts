import type { Page } from 'playwright-core';
import { type TestApp } from '../utils/test-app';

/**
 * The key pages of each role, walked by the accessibility and the words specs
 * (a11y.browser-spec.ts, words.browser-spec.ts). `null` username: signed out.
 */
export interface WalkRole {
  /** Demo username, or null for the public pages. */
  username: string | null;
  /** The `home-<home>` test id the role's home shows after sign-in. */
  home: string;
  pages: readonly { name: string; path: string }[];
}

export interface WalkIds {
  traineeId: string;
  orderId: string;
  fairId: string;
}

/** Ids of demo rows the pages need (a trainee of facility A, an open order of employer A, a fair). */
export async function walkIds(t: TestApp): Promise<WalkIds> {
  const [trainee] = await t.sql<{ id: string }>(
    `SELECT t.id FROM trainee t WHERE t.organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
       AND t.state <> 'closed' ORDER BY t.full_name LIMIT 1`,
  );
  const [order] = await t.sql<{ id: string }>(
    `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '海口椰风酒店管理有限公司' AND o.state = 'open' ORDER BY o.title DESC LIMIT 1`,
  );
  const [fair] = await t.sql<{ id: string }>(`SELECT id FROM job_fair ORDER BY created_at LIMIT 1`);
  return { traineeId: trainee!.id, orderId: order!.id, fairId: fair!.id };
}

export function walkRoles({ traineeId, orderId, fairId }: WalkIds): WalkRole[] {
  return [
    {
      username: null,
      home: '',
      pages: [
        { name: 'login', path: '/login' },
        { name: 'activate', path: '/activate' },
        { name: 'register-employer', path: '/register/employer' },
        { name: 'verify', path: '/verify' },
        // A code nobody was given: the page that says so.
        { name: 'verify-unknown', path: '/verify/ABCD2345EFGH' },
      ],
    },
    {
      username: 'trainee',
      home: 'trainee',
      pages: [
        { name: 'home', path: '/' },
        { name: 'me', path: '/me' },
        { name: 'my-plan', path: '/me/plan' },
        { name: 'my-jobs', path: '/me/jobs' },
        { name: 'my-matches', path: '/matching/me' },
        { name: 'my-checklist', path: '/me/checklist' },
        { name: 'my-consents', path: '/me/consents' },
        { name: 'my-data', path: '/me/data' },
        { name: 'my-learning', path: '/learning' },
        { name: 'course-browser', path: '/learning/courses' },
        { name: 'fairs', path: '/fairs' },
        { name: 'notifications', path: '/notifications' },
        { name: 'account', path: '/account' },
      ],
    },
    {
      username: 'counsellor',
      home: 'counsellor',
      pages: [
        { name: 'home', path: '/' },
        { name: 'caseload', path: '/trainees' },
        { name: 'trainee-file', path: `/trainees/${traineeId}` },
        { name: 'handovers', path: '/handovers' },
        { name: 'follow-ups', path: '/follow-ups' },
        { name: 'orders', path: '/orders' },
        { name: 'order', path: `/orders/${orderId}` },
        { name: 'matching', path: `/matching/orders/${orderId}` },
        { name: 'fairs', path: '/fairs' },
        { name: 'fair', path: `/fairs/${fairId}` },
        { name: 'reports', path: '/reports' },
        { name: 'placements', path: '/placements' },
        { name: 'pre-release', path: '/trainees/pre-release' },
        { name: 'import', path: '/trainees/import' },
        { name: 'readmission', path: '/trainees/readmission' },
        { name: 'classes', path: '/catalogue/classes' },
        { name: 'sessions', path: '/account/sessions' },
        { name: 'notification-settings', path: '/notifications/preferences' },
      ],
    },
    {
      username: 'station',
      home: 'counsellor',
      pages: [
        { name: 'home', path: '/' },
        { name: 'follow-ups', path: '/follow-ups' },
        { name: 'transfers', path: '/follow-ups/transfers' },
        { name: 'lost-contacts', path: '/follow-ups/lost-contacts' },
        { name: 'caseload', path: '/trainees' },
        { name: 'notifications', path: '/notifications' },
      ],
    },
    {
      username: 'employer',
      home: 'employer',
      pages: [
        { name: 'home', path: '/' },
        { name: 'orders', path: '/orders' },
        { name: 'order', path: `/orders/${orderId}` },
        { name: 'fairs', path: '/fairs' },
        { name: 'account', path: '/account' },
      ],
    },
    {
      username: 'instructor',
      home: 'instructor',
      pages: [
        { name: 'home', path: '/' },
        { name: 'teaching', path: '/teaching' },
        { name: 'classes', path: '/catalogue/classes' },
        { name: 'courses', path: '/catalogue/courses' },
      ],
    },
    {
      username: 'admin',
      home: 'admin',
      pages: [
        { name: 'home', path: '/' },
        { name: 'organisations', path: '/admin/organisations' },
        { name: 'users', path: '/admin/users' },
        { name: 'jobs', path: '/admin/jobs' },
        { name: 'sealing', path: '/admin/sealing' },
        { name: 'learning', path: '/admin/learning' },
        { name: 'weights', path: '/matching/weights' },
        { name: 'reports', path: '/reports' },
        { name: 'fairs', path: '/fairs' },
        { name: 'fair-report', path: `/fairs/${fairId}/report` },
        { name: 'fair-desk', path: `/fairs/${fairId}/desk` },
        { name: 'job-limits', path: '/admin/job-limits' },
        { name: 'demand', path: '/catalogue/demand' },
      ],
    },
    {
      username: 'auditor',
      home: 'audit_admin',
      pages: [
        { name: 'home', path: '/' },
        { name: 'audit', path: '/admin/audit' },
      ],
    },
    {
      username: 'security',
      home: 'security_admin',
      pages: [
        { name: 'home', path: '/' },
        { name: 'permissions', path: '/admin/permissions' },
      ],
    },
  ];
}

/**
 * Opens a page and waits until it has settled: network quiet, spinners and skeletons gone. Then reads it to
 * the end, a screen at a time, and settles again: parts of a long page (the reports' tables and charts) are
 * built only once they scroll into view, and a walk that stopped at the first screen would never check them.
 */
export async function settle(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await quiet(page);
  for (let screen = 0; screen < 20; screen++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await page.waitForTimeout(150);
    if (atEnd) break;
  }
  await quiet(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

/** Network quiet, spinners and skeletons gone (each wait bounded: a page that polls still gets checked). */
async function quiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !document.querySelector(
          '.ant-spin-spinning, .ant-skeleton-active, nz-spin.home-spin, [data-testid="list-loading"], [data-testid="today-loading"]',
        ),
      undefined,
      {
        timeout: 10_000,
      },
    )
    .catch(() => undefined);
}
