import type { Role } from '../../server/src/users/user.entity';

/**
 * THE authorization matrix: every API route × role → may call it or not. The authorization test
 * fails when a route exists that is missing here, when a route listed here no longer exists, and
 * when the running app answers differently from this table. Later issues add their routes here.
 */
export type Allowed = 'public' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'counsellor', 'instructor', 'employer', 'trainee'];
const ADMIN: readonly Role[] = ['admin'];

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

  'GET /api/trainees/caseload-summary': ['admin', 'counsellor'],
  'GET /api/trainees/me': ['trainee'],
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
};
