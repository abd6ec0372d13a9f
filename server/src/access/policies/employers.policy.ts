import type { Role } from '../../common/role';

/**
 * An employer's standing. Anyone can register an employer (the registration is public), so an
 * employer's account is worth nothing until an admin has verified the organisation behind it: until
 * then (pending, rejected, or deactivated later) it reaches only what is about itself — its own
 * account and session, its notices, and its organisation's own record (which carries the
 * verification status and the reason of a rejection). Everything else an employer may use (orders,
 * fairs, booths, candidates, placements, interviews, matching) answers 403 `EMPLOYER_NOT_VERIFIED`
 * before any service runs, whatever the ids asked for, so the answer says nothing about what exists.
 *
 * The list is closed: a route added later is refused to an unverified employer until it is put here.
 */
export const UNVERIFIED_EMPLOYER_REACH = {
  /** Route families wholly about the caller: their own account, session, password, and notices. */
  prefixes: ['/api/auth', '/api/notifications'],
  /** Single routes, as the authorization matrix writes them. The organisation rules still apply (own record only). */
  routes: ['GET /api/organisations', 'GET /api/organisations/{id}'],
} as const;

/**
 * Whether an unverified employer may call this route. `route` is the route's pattern as the
 * authorization matrix writes it (`/api/orders/{id}`), never the concrete URL.
 */
export function unverifiedEmployerMayCall(method: string, route: string): boolean {
  if ((UNVERIFIED_EMPLOYER_REACH.routes as readonly string[]).includes(`${method.toUpperCase()} ${route}`)) return true;
  return UNVERIFIED_EMPLOYER_REACH.prefixes.some((p) => route === p || route.startsWith(`${p}/`));
}

export const EMPLOYERS_CAPABILITIES = {
  /** Roles whose organisation must be verified before they use anything beyond their own account (see above). */
  'organisation.mustBeVerified': ['employer'],
} satisfies Record<string, readonly Role[]>;
