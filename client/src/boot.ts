// Runs before Angular: main.ts imports this module first, so its body is evaluated before the app's.
// On a cheap phone on a slow network each step that waits for the one before costs a round trip; what
// the first screen will certainly need starts here, in parallel with the framework's start-up. Nothing
// about the person is read or stored: the only thing read is the "signed in before" flag.
import { beginSessionRestore, hasSessionHint } from './app/core/auth/early-refresh';

const ignore = (): undefined => undefined;

/** Each role's home (home/home.ts loads the same modules with @defer once the role is known). */
const ROLE_HOMES: Record<string, () => Promise<unknown>> = {
  trainee: () => import('./app/home/trainee-home/trainee-home'),
  counsellor: () => import('./app/home/counsellor-home/counsellor-home'),
  employer: () => import('./app/home/employer-home/employer-home'),
  instructor: () => import('./app/home/instructor-home/instructor-home'),
  admin: () => import('./app/home/admin-home/admin-home'),
  security_admin: () => import('./app/home/security-admin-home/security-admin-home'),
  audit_admin: () => import('./app/home/audit-admin-home/audit-admin-home'),
};

/** The signed-in frame of each kind (shell/shell.ts loads the same modules with @defer once the role is known). */
const staffFrame = () => import('./app/shell/staff-frame');
const traineeFrame = () => import('./app/shell/trainee-frame');

/**
 * The landing page of each section a signed-in person opens by address (a bookmark, a reload, a link
 * from a notice), with its section's route table and the frame around it: the router would fetch them
 * one after the other, each only once the session is restored. A hint only: a path not listed loads as
 * before.
 */
const SECTION_PAGES: Record<string, () => Promise<unknown>[]> = {
  '/trainees': () => [staffFrame(), import('./app/trainees/trainees.routes'), import('./app/trainees/caseload/caseload-page')],
  '/handovers': () => [staffFrame(), import('./app/trainees/trainees.routes'), import('./app/trainees/handovers/handovers-page')],
  '/reports': () => [staffFrame(), import('./app/reports/reports.routes'), import('./app/reports/reports-page')],
  '/follow-ups': () => [staffFrame(), import('./app/follow-ups/follow-ups.routes'), import('./app/follow-ups/follow-ups-page')],
  '/me': () => [traineeFrame(), import('./app/portal/portal.routes'), import('./app/portal/me-hub')],
  '/orders': () => [staffFrame(), import('./app/orders/orders.routes'), import('./app/orders/orders-page')],
  '/fairs': () => [import('./app/fairs/fairs.routes'), import('./app/fairs/fairs-page')],
  '/learning': () => [traineeFrame(), import('./app/learning/learning.routes'), import('./app/learning/trainee/my-learning')],
  '/teaching': () => [staffFrame(), import('./app/learning/learning.routes'), import('./app/learning/teaching/teaching-home')],
};

function roleOf(body: unknown): string | null {
  const user = (body as { user?: { role?: unknown } } | null)?.user;
  return typeof user?.role === 'string' ? user.role : null;
}

function boot(): void {
  // Sent by early-start.ts already in a production build; this is the same call, and it sends nothing twice.
  // It also sends a visitor who never signed in from the home page to sign in.
  const answer = beginSessionRestore();
  const signedIn = hasSessionHint();
  const path = globalThis.location?.pathname ?? '/';
  if (!signedIn) return;
  // Pages outside the signed-in frame (a public diploma check, an activation code) need none of it.
  const framed = !/^\/(activate|register|verify)(\/|$)/.test(path);
  if (framed) {
    void import('./app/shell/shell').catch(ignore);
    if (path === '/') void import('./app/home/home').catch(ignore);
    for (const page of SECTION_PAGES[path.replace(/\/+$/, '')]?.() ?? []) void page.catch(ignore);
  }
  // The restore's answer is taken by AuthStore. On the home page, the role it names says which home to fetch.
  void answer
    ?.then(({ body }) => {
      const role = roleOf(body);
      if (!role || !framed) return;
      // Fetched again by a section listed above: the browser asks for a module once.
      void (role === 'trainee' ? traineeFrame() : staffFrame()).catch(ignore);
      if (path === '/') void ROLE_HOMES[role]?.().catch(ignore);
    })
    .catch(ignore);
}

boot();
