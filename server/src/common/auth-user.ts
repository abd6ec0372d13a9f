import type { Role } from '../users/user.entity';

/** Who is calling: taken from a verified access token, never from the request body. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  organisationId: string;
}

/** Request context for the audit log. */
export interface RequestContext {
  requestId: string | null;
  ip: string | null;
}
