import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../role';

export const IS_PUBLIC_KEY = 'jbh:public';
export const ROLES_KEY = 'jbh:roles';
export const SCOPE_KEY = 'jbh:scope';

/**
 * How far a route lets each role reach. The RolesGuard resolves it for the caller and puts it on
 * the request's user; the access policy (server/src/access) runs the rule written for that role
 * and scope, and denies when none is written — so the scope declared here is enforced.
 * - `all`: every organisation's records (admins).
 * - `own-organisation`: records of the caller's organisation (and those handed over to it).
 * - `self`: the caller's own records only.
 */
export type Scope = 'all' | 'own-organisation' | 'self';

/** Opt a route out of the global JWT guard (login, health, public verification). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true));

/**
 * The one decorator every non-public route carries: which roles may call it and how far their
 * view reaches. A route without it is refused by the guard (deny by default).
 */
export type ScopeDeclaration = Scope | Partial<Record<Role, Scope>>;

export const Access = (roles: readonly Role[], scope: ScopeDeclaration) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    SetMetadata(SCOPE_KEY, scope),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录或登录已过期 · not signed in, or the session expired' }),
    ApiForbiddenResponse({ description: `仅限 · only for: ${roles.join(', ')}` }),
  );
