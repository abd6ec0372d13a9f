import type { Role } from '../../server/src/common/role';

/**
 * THE authorization matrix: every API route × role → may call it or not. The authorization test
 * fails when a route exists that is missing here, when a route listed here no longer exists, and
 * when the running app answers differently from this table. Later issues add their routes here.
 */
export type Allowed = 'public' | readonly Role[];

/** Every account: its own session, password and notifications. */
const ALL: readonly Role[] = ['admin', 'counsellor', 'instructor', 'employer', 'trainee', 'security_admin', 'audit_admin'];
/** Everyone who works with the business data; not the security and audit administrators (三权分立). */
const BUSINESS: readonly Role[] = ['admin', 'counsellor', 'instructor', 'employer', 'trainee'];
const ADMIN: readonly Role[] = ['admin'];
/** The system administrator manages accounts; the security administrator reads them to grant permissions. */
const ACCOUNT_READERS: readonly Role[] = ['admin', 'security_admin'];
const COUNSELLOR: readonly Role[] = ['counsellor'];
const ADMIN_COUNSELLOR: readonly Role[] = ['admin', 'counsellor'];
const TRAINEE: readonly Role[] = ['trainee'];
const STAFF: readonly Role[] = ['admin', 'counsellor', 'instructor'];
/**
 * An employer cell means a VERIFIED employer (the `employer` demo account). An employer whose
 * organisation is not verified is not a column of its own: its standing is refused in one place
 * (server/src/access/policies/employers.policy.ts, 403 EMPLOYER_NOT_VERIFIED) except its account,
 * notices and own record — test/e2e/pending-employer.e2e-spec.ts walks every employer cell as one.
 */
const EMPLOYER: readonly Role[] = ['employer'];
const ADMIN_INSTRUCTOR: readonly Role[] = ['admin', 'instructor'];
/** Fairs: everyone but instructors. */
const FAIR_PARTICIPANTS: readonly Role[] = ['admin', 'counsellor', 'employer', 'trainee'];
/** The learning catalogue: everyone but employers. */
const LEARNING: readonly Role[] = ['admin', 'counsellor', 'instructor', 'trainee'];

export const MATRIX: Record<string, Allowed> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  // Outside the users' sign-in: the controller itself admits allow-listed addresses or the metrics token (404 otherwise).
  'GET /api/metrics': 'public',

  'POST /api/auth/login': 'public',
  'GET /api/auth/challenge': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'POST /api/auth/mfa': 'public',
  // Second factor (TOTP): staff may enrol (admins and identity.unmask holders must); the security administrator resets.
  'GET /api/mfa/enrolment': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  'POST /api/mfa/enrolment': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  'POST /api/mfa/enrolment/confirm': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  'DELETE /api/mfa/enrolment': ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'],
  'DELETE /api/users/{id}/mfa': ['security_admin'],
  'GET /api/auth/sessions': ALL,
  'DELETE /api/auth/sessions': ALL,
  'DELETE /api/auth/sessions/{id}': ALL,

  'GET /api/reference/divisions': 'public',
  'GET /api/reference/skill-levels': 'public',
  'GET /api/reference/occupations': 'public',
  'GET /api/reference/occupations/{code}': 'public',
  'GET /api/reference/industries': 'public',
  'GET /api/reference/recommendation-reasons': 'public',

  'GET /api/organisations': BUSINESS,
  'GET /api/organisations/{id}': BUSINESS,
  'POST /api/organisations': ADMIN,
  'PATCH /api/organisations/{id}': ADMIN,
  'POST /api/organisations/{id}/decision': ADMIN,

  'POST /api/employers/registrations': 'public',

  'GET /api/users': ACCOUNT_READERS,
  'GET /api/users/{id}': ACCOUNT_READERS,
  'POST /api/users': ADMIN,
  'PATCH /api/users/{id}': ADMIN,
  'POST /api/users/{id}/password': ADMIN,
  'PUT /api/users/{id}/permissions': ['security_admin'],

  'GET /api/audit': ['audit_admin'],
  // Background jobs that failed after their retries (ids and error text only), and one more attempt.
  'GET /api/jobs/failed': ADMIN,
  'POST /api/jobs/failed/{id}/retry': ADMIN,

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

  'GET /api/notifications': ALL,
  'GET /api/notifications/preferences': ALL,
  'PUT /api/notifications/preferences': ALL,
  'POST /api/notifications/read': ALL,
  'POST /api/notifications/{id}/read': ALL,

  'GET /api/programmes': LEARNING,
  'GET /api/programmes/{id}': LEARNING,
  'POST /api/programmes': ADMIN,
  'GET /api/classes': STAFF,
  'GET /api/classes/{id}': STAFF,
  'POST /api/classes': ADMIN,
  'POST /api/classes/{id}/applications': COUNSELLOR,
  'GET /api/classes/{id}/enrolments': STAFF,
  'PUT /api/classes/{id}/grades': ADMIN_INSTRUCTOR,
  'PUT /api/classes/{id}/attendance': ADMIN_INSTRUCTOR,
  'POST /api/class-enrolments/{id}/decision': ADMIN_INSTRUCTOR,
  'POST /api/class-enrolments/{id}/withdrawal': ['admin', 'counsellor', 'trainee'],
  'POST /api/class-enrolments/{id}/transfer': ADMIN_COUNSELLOR,
  'GET /api/class-enrolments/{id}/audit': LEARNING,
  'POST /api/class-enrolments/{id}/graduation': ADMIN_INSTRUCTOR,
  'GET /api/diplomas/{id}': LEARNING,
  'GET /api/diploma-verifications/{code}': 'public',
  'GET /api/trainees/me/class-enrolments': TRAINEE,
  'POST /api/trainees/me/class-applications': TRAINEE,
  'GET /api/trainees/me/diplomas': TRAINEE,

  'GET /api/courses': LEARNING,
  'POST /api/courses': ADMIN,
  'GET /api/courses/{id}': LEARNING,
  'POST /api/courses/{id}/sessions': ADMIN,
  'GET /api/course-sessions/{id}': LEARNING,
  'POST /api/course-sessions/{id}/enrolments': COUNSELLOR,
  'GET /api/course-sessions/{id}/enrolments': STAFF,
  'PUT /api/course-sessions/{id}/attendance': ADMIN_INSTRUCTOR,
  'POST /api/session-enrolments/{id}/withdrawal': ['admin', 'counsellor', 'trainee'],
  'PUT /api/session-enrolments/{id}/assessment': ADMIN_INSTRUCTOR,
  'GET /api/trainees/{id}/certificates': ADMIN_COUNSELLOR,
  'GET /api/trainees/me/certificates': TRAINEE,
  'GET /api/trainees/me/session-enrolments': TRAINEE,
  'POST /api/trainees/me/session-enrolments': TRAINEE,
  'GET /api/trainees/me/course-recommendations': TRAINEE,
  'GET /api/trainees/{id}/course-recommendations': ADMIN_COUNSELLOR,
  'GET /api/courses/demand-supply': ADMIN,

  'GET /api/orders': ['admin', 'counsellor', 'employer'],
  'GET /api/orders/{id}': ['admin', 'counsellor', 'employer'],
  'POST /api/orders': EMPLOYER,
  'PATCH /api/orders/{id}': EMPLOYER,
  'POST /api/orders/{id}/open': EMPLOYER,
  'POST /api/orders/{id}/close': EMPLOYER,

  'GET /api/placements': ['admin', 'counsellor', 'trainee'],
  'GET /api/placements/{id}': ['admin', 'counsellor', 'trainee'],
  'POST /api/placements': COUNSELLOR,
  'POST /api/placements/{id}/recommend': COUNSELLOR,
  'POST /api/placements/{id}/accept': ['counsellor', 'trainee'],
  'POST /api/placements/{id}/decline': ['counsellor', 'trainee'],
  'POST /api/placements/{id}/hire': ['counsellor', 'trainee'],
  'POST /api/placements/{id}/withdraw': COUNSELLOR,
  'POST /api/placements/{id}/end': COUNSELLOR,
  'GET /api/orders/{orderId}/candidates': EMPLOYER,
  'GET /api/orders/{orderId}/candidates/{placementId}': EMPLOYER,
  'POST /api/orders/{orderId}/candidates/{placementId}/interview': EMPLOYER,
  'POST /api/orders/{orderId}/candidates/{placementId}/offer': EMPLOYER,
  'POST /api/orders/{orderId}/candidates/{placementId}/hire': EMPLOYER,
  'POST /api/orders/{orderId}/candidates/{placementId}/reject': EMPLOYER,
  'POST /api/orders/{orderId}/candidates/{placementId}/end': EMPLOYER,
  'GET /api/orders/{orderId}/fulfilment': ['admin', 'counsellor', 'employer'],

  'GET /api/fairs': FAIR_PARTICIPANTS,
  'GET /api/fairs/{id}': FAIR_PARTICIPANTS,
  'POST /api/fairs': ADMIN,
  'PATCH /api/fairs/{id}': ADMIN,
  'POST /api/fairs/{id}/publish': ADMIN,
  'POST /api/fairs/{id}/close': ADMIN,
  'GET /api/fairs/{id}/booths': FAIR_PARTICIPANTS,
  'POST /api/fairs/{id}/booths': EMPLOYER,
  'POST /api/fair-booths/{id}/decision': ADMIN,
  'GET /api/fair-booths/{id}/slots': FAIR_PARTICIPANTS,
  'POST /api/fair-booths/{id}/slots': EMPLOYER,
  'POST /api/fair-slots/{id}/invitation': EMPLOYER,
  'POST /api/fair-slots/{id}/booking': ['counsellor', 'trainee'],
  'POST /api/fair-slots/{id}/release': ['counsellor', 'trainee'],
  'GET /api/fairs/{id}/registrations': ['admin', 'counsellor', 'trainee'],
  'POST /api/fairs/{id}/registrations': ['counsellor', 'trainee'],
  'GET /api/fairs/{id}/candidates': EMPLOYER,
  'POST /api/fairs/{id}/check-ins': ADMIN_COUNSELLOR,
  'POST /api/fairs/{id}/walk-ins': ADMIN_COUNSELLOR,
  'GET /api/fairs/{id}/intents': FAIR_PARTICIPANTS,
  'POST /api/fairs/{id}/intents': EMPLOYER,
  'POST /api/fair-intents/{id}/answer': ['counsellor', 'trainee'],
  'GET /api/fairs/{id}/report': ADMIN,
  'GET /api/fairs/{id}/report.xlsx': ADMIN,

  'GET /api/matching/orders/{orderId}/candidates': ADMIN_COUNSELLOR,
  'GET /api/matching/orders/{orderId}/why-not/{traineeId}': ADMIN_COUNSELLOR,
  'GET /api/matching/me/orders': TRAINEE,
  'GET /api/matching/trainees/{traineeId}/orders': ADMIN_COUNSELLOR,
  'GET /api/matching/weights': ADMIN_COUNSELLOR,
  'POST /api/matching/weights': ADMIN,
  'PUT /api/matching/readiness/{traineeId}': COUNSELLOR,

  'GET /api/follow-ups': ADMIN_COUNSELLOR,
  'GET /api/follow-ups/{id}': ADMIN_COUNSELLOR,
  'POST /api/follow-ups/{id}/record': COUNSELLOR,
  'POST /api/follow-ups/{id}/assignment': COUNSELLOR,

  // Outcome reports: counts only; a counsellor's are scoped to their organisation's trainees (reports.e2e-spec.ts).
  'GET /api/reports/motto': ADMIN_COUNSELLOR,
  'GET /api/reports/abstinence': ADMIN_COUNSELLOR,
  'GET /api/reports/order-funnel': ADMIN_COUNSELLOR,
  'GET /api/reports/fair-funnel': ADMIN_COUNSELLOR,
  'GET /api/reports/outcomes.xlsx': ADMIN_COUNSELLOR,
};

/**
 * Routes that take an id, and how "a user of another organisation gets 404" is shown for each.
 * `admin-only`: only admins (whose scope is every organisation) may call it at all, and the matrix
 * test already shows everyone else gets 403. `cross-org`: the cross-organisation test in
 * authorization.e2e-spec.ts covers it. `reference`: public reference data about no one.
 * `bureau-admins`: only the bureau's system, security or audit administrators may call it, each
 * over the whole province (accounts), so there is no other organisation to be refused.
 * `self`: the caller's own rows, looked up by the caller's user id; anyone else's id is a 404
 * (sessions.e2e-spec.ts shows it).
 */
export const ID_ROUTES: Record<string, 'admin-only' | 'bureau-admins' | 'cross-org' | 'reference' | 'catalogue' | 'self'> = {
  'GET /api/reference/occupations/{code}': 'reference',
  'DELETE /api/auth/sessions/{id}': 'self',
  'GET /api/organisations/{id}': 'cross-org',
  'PATCH /api/organisations/{id}': 'admin-only',
  'POST /api/organisations/{id}/decision': 'admin-only',
  'POST /api/jobs/failed/{id}/retry': 'admin-only',
  'GET /api/users/{id}': 'bureau-admins',
  'PATCH /api/users/{id}': 'admin-only',
  'POST /api/users/{id}/password': 'admin-only',
  'PUT /api/users/{id}/permissions': 'bureau-admins',
  'DELETE /api/users/{id}/mfa': 'bureau-admins',
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

  'POST /api/notifications/{id}/read': 'cross-org',
  'GET /api/diploma-verifications/{code}': 'reference',
  // The catalogue of programmes, classes, courses and sessions is the same for every organisation.
  'GET /api/programmes/{id}': 'catalogue',
  'GET /api/courses/{id}': 'catalogue',
  'GET /api/course-sessions/{id}': 'catalogue',
  'POST /api/courses/{id}/sessions': 'admin-only',
  'GET /api/classes/{id}': 'cross-org',
  'POST /api/classes/{id}/applications': 'cross-org',
  'GET /api/classes/{id}/enrolments': 'cross-org',
  'PUT /api/classes/{id}/grades': 'cross-org',
  'PUT /api/classes/{id}/attendance': 'cross-org',
  'POST /api/class-enrolments/{id}/decision': 'cross-org',
  'POST /api/class-enrolments/{id}/withdrawal': 'cross-org',
  'POST /api/class-enrolments/{id}/transfer': 'cross-org',
  'GET /api/class-enrolments/{id}/audit': 'cross-org',
  'POST /api/class-enrolments/{id}/graduation': 'cross-org',
  'GET /api/diplomas/{id}': 'cross-org',
  'POST /api/course-sessions/{id}/enrolments': 'cross-org',
  'GET /api/course-sessions/{id}/enrolments': 'cross-org',
  'PUT /api/course-sessions/{id}/attendance': 'cross-org',
  'POST /api/session-enrolments/{id}/withdrawal': 'cross-org',
  'PUT /api/session-enrolments/{id}/assessment': 'cross-org',
  'GET /api/trainees/{id}/certificates': 'cross-org',
  'GET /api/trainees/{id}/course-recommendations': 'cross-org',
  'GET /api/orders/{id}': 'cross-org',
  'PATCH /api/orders/{id}': 'cross-org',
  'POST /api/orders/{id}/open': 'cross-org',
  'POST /api/orders/{id}/close': 'cross-org',
  'GET /api/placements/{id}': 'cross-org',
  'POST /api/placements/{id}/recommend': 'cross-org',
  'POST /api/placements/{id}/accept': 'cross-org',
  'POST /api/placements/{id}/decline': 'cross-org',
  'POST /api/placements/{id}/hire': 'cross-org',
  'POST /api/placements/{id}/withdraw': 'cross-org',
  'POST /api/placements/{id}/end': 'cross-org',
  'GET /api/orders/{orderId}/candidates': 'cross-org',
  'GET /api/orders/{orderId}/candidates/{placementId}': 'cross-org',
  'POST /api/orders/{orderId}/candidates/{placementId}/interview': 'cross-org',
  'POST /api/orders/{orderId}/candidates/{placementId}/offer': 'cross-org',
  'POST /api/orders/{orderId}/candidates/{placementId}/hire': 'cross-org',
  'POST /api/orders/{orderId}/candidates/{placementId}/reject': 'cross-org',
  'POST /api/orders/{orderId}/candidates/{placementId}/end': 'cross-org',
  'GET /api/orders/{orderId}/fulfilment': 'cross-org',
  // Published fairs are a public programme for every participant; what differs by organisation is tested below.
  'GET /api/fairs/{id}': 'catalogue',
  'GET /api/fairs/{id}/booths': 'catalogue',
  'GET /api/fair-booths/{id}/slots': 'cross-org',
  'PATCH /api/fairs/{id}': 'admin-only',
  'POST /api/fairs/{id}/publish': 'admin-only',
  'POST /api/fairs/{id}/close': 'admin-only',
  'POST /api/fair-booths/{id}/decision': 'admin-only',
  'GET /api/fairs/{id}/report': 'admin-only',
  'GET /api/fairs/{id}/report.xlsx': 'admin-only',
  'POST /api/fairs/{id}/booths': 'cross-org',
  'POST /api/fair-booths/{id}/slots': 'cross-org',
  'POST /api/fair-slots/{id}/invitation': 'cross-org',
  'POST /api/fair-slots/{id}/booking': 'cross-org',
  'POST /api/fair-slots/{id}/release': 'cross-org',
  'GET /api/fairs/{id}/registrations': 'cross-org',
  'POST /api/fairs/{id}/registrations': 'cross-org',
  'GET /api/fairs/{id}/candidates': 'cross-org',
  'POST /api/fairs/{id}/check-ins': 'cross-org',
  'POST /api/fairs/{id}/walk-ins': 'cross-org',
  'GET /api/fairs/{id}/intents': 'cross-org',
  'POST /api/fairs/{id}/intents': 'cross-org',
  'POST /api/fair-intents/{id}/answer': 'cross-org',
  'GET /api/matching/orders/{orderId}/candidates': 'cross-org',
  'GET /api/matching/orders/{orderId}/why-not/{traineeId}': 'cross-org',
  'GET /api/matching/trainees/{traineeId}/orders': 'cross-org',
  'PUT /api/matching/readiness/{traineeId}': 'cross-org',
  'GET /api/follow-ups/{id}': 'cross-org',
  'POST /api/follow-ups/{id}/record': 'cross-org',
  'POST /api/follow-ups/{id}/assignment': 'cross-org',
};
