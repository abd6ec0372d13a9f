import type { Role } from './role';
import type { Scope } from './decorators/access.decorator';

/** Who is calling: taken from a verified access token, never from the request body. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  organisationId: string;
  /**
   * How far the route being called lets this caller reach: its `@Access(roles, scope)` resolved for
   * the caller's role by the RolesGuard. The access policy picks its rule by it.
   */
  scope?: Scope;
}

/** Request context for the audit log. */
export interface RequestContext {
  requestId: string | null;
  ip: string | null;
}
