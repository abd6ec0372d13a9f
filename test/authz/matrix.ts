import type { Role } from '../../server/src/users/user.entity';

/**
 * THE authorization matrix: every API route × role → may call it or not. The authorization test
 * fails when a route exists that is missing here, when a route listed here no longer exists, and
 * when the running app answers differently from this table. Later issues add their routes here.
 */
export type Allowed = 'public' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'counsellor', 'instructor', 'employer', 'trainee'];
const ADMIN: readonly Role[] = ['admin'];
const COUNSELLOR: readonly Role[] = ['counsellor'];
const ADMIN_COUNSELLOR: readonly Role[] = ['admin', 'counsellor'];
const TRAINEE: readonly Role[] = ['trainee'];

export const MATRIX: Record<string, Allowed> = {
  'GET /api/health': 'public',

  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,

  'GET /api/reference/divisions': 'public',
  'GET /api/reference/skill-levels': 'public',
  'GET /api/reference/occupations': 'public',
  'GET /api/reference/occupations/{code}': 'public',

  'GET /api/organisations': ALL,
  'GET /api/organisations/{id}': ALL,
  'POST /api/organisations': ADMIN,
  'PATCH /api/organisations/{id}': ADMIN,
  'POST /api/organisations/{id}/decision': ADMIN,

  'POST /api/employers/registrations': 'public',

  'GET /api/users': ADMIN,
  'GET /api/users/{id}': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/{id}': ADMIN,
  'POST /api/users/{id}/password': ADMIN,

  'GET /api/audit': ADMIN,

  'GET /api/trainees/caseload-summary': ADMIN_COUNSELLOR,
  'GET /api/trainees/me': TRAINEE,
  'GET /api/trainees/me/checklist': TRAINEE,
  'GET /api/trainees/me/data': TRAINEE,
  'GET /api/trainees/me/correction-requests': TRAINEE,
  'POST /api/trainees/me/correction-requests': TRAINEE,
  'GET /api/trainees/me/consents': TRAINEE,
  'POST /api/trainees/me/consents': TRAINEE,
  'POST /api/trainees/me/consents/{consentId}/withdrawal': TRAINEE,
  'GET /api/trainees': ADMIN_COUNSELLOR,
  'GET /api/trainees/export': ADMIN_COUNSELLOR,
  'GET /api/trainees/import/template': COUNSELLOR,
  'POST /api/trainees/import': COUNSELLOR,
  'POST /api/trainees': COUNSELLOR,
  'GET /api/trainees/{id}': ADMIN_COUNSELLOR,
  'PATCH /api/trainees/{id}': COUNSELLOR,
  'POST /api/trainees/{id}/identity-number': ADMIN_COUNSELLOR,
  'POST /api/trainees/{id}/transitions': COUNSELLOR,
  'GET /api/trainees/{id}/history': ADMIN_COUNSELLOR,
  'GET /api/trainees/checklists/behind': ADMIN_COUNSELLOR,
  'GET /api/trainees/{id}/checklist': ADMIN_COUNSELLOR,
  'PUT /api/trainees/{id}/checklist/{itemKey}': COUNSELLOR,
  'GET /api/trainees/{id}/correction-requests': ADMIN_COUNSELLOR,
  'POST /api/trainees/{id}/correction-requests': COUNSELLOR,
  'POST /api/trainees/correction-requests/{requestId}/resolution': COUNSELLOR,

  'GET /api/consent-texts': 'public',
  'GET /api/trainees/{id}/consents': ADMIN_COUNSELLOR,
  'POST /api/trainees/{id}/consents': COUNSELLOR,
  'POST /api/trainees/{id}/consents/{consentId}/withdrawal': COUNSELLOR,

  'GET /api/handovers': ADMIN_COUNSELLOR,
  'GET /api/handovers/suggested-station/{traineeId}': COUNSELLOR,
  'GET /api/handovers/{id}': ADMIN_COUNSELLOR,
  'POST /api/handovers': COUNSELLOR,
  'POST /api/handovers/{id}/send': COUNSELLOR,
  'POST /api/handovers/{id}/accept': COUNSELLOR,
  'POST /api/handovers/{id}/reject': COUNSELLOR,
  'POST /api/handovers/{id}/complete': COUNSELLOR,
};

/**
 * Routes that take an id, and how "a user of another organisation gets 404" is shown for each.
 * `admin-only`: only admins (whose scope is every organisation) may call it at all, and the matrix
 * test already shows everyone else gets 403. `cross-org`: the cross-organisation test in
 * authorization.e2e-spec.ts covers it. `reference`: public reference data about no one.
 */
export const ID_ROUTES: Record<string, 'admin-only' | 'cross-org' | 'reference'> = {
  'GET /api/reference/occupations/{code}': 'reference',
  'GET /api/organisations/{id}': 'cross-org',
  'PATCH /api/organisations/{id}': 'admin-only',
  'POST /api/organisations/{id}/decision': 'admin-only',
  'GET /api/users/{id}': 'admin-only',
  'PATCH /api/users/{id}': 'admin-only',
  'POST /api/users/{id}/password': 'admin-only',
  'GET /api/trainees/{id}': 'cross-org',
  'PATCH /api/trainees/{id}': 'cross-org',
  'POST /api/trainees/{id}/identity-number': 'cross-org',
  'POST /api/trainees/{id}/transitions': 'cross-org',
  'GET /api/trainees/{id}/history': 'cross-org',
  'GET /api/trainees/{id}/checklist': 'cross-org',
  'PUT /api/trainees/{id}/checklist/{itemKey}': 'cross-org',
  'GET /api/trainees/{id}/correction-requests': 'cross-org',
  'POST /api/trainees/{id}/correction-requests': 'cross-org',
  'POST /api/trainees/correction-requests/{requestId}/resolution': 'cross-org',
  'GET /api/trainees/{id}/consents': 'cross-org',
  'POST /api/trainees/{id}/consents': 'cross-org',
  'POST /api/trainees/{id}/consents/{consentId}/withdrawal': 'cross-org',
  'POST /api/trainees/me/consents/{consentId}/withdrawal': 'cross-org',
  'GET /api/handovers/suggested-station/{traineeId}': 'cross-org',
  'GET /api/handovers/{id}': 'cross-org',
  'POST /api/handovers/{id}/send': 'cross-org',
  'POST /api/handovers/{id}/accept': 'cross-org',
  'POST /api/handovers/{id}/reject': 'cross-org',
  'POST /api/handovers/{id}/complete': 'cross-org',
};
