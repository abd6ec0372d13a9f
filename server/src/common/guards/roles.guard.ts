import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../role';
import type { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY, ROLES_KEY, type Scope, SCOPE_KEY, type ScopeDeclaration } from '../decorators/access.decorator';
import { DomainError } from '../domain-error';
import { RouteMetadataCache } from './route-metadata';

/** A route's access decorators, as the guard needs them. */
interface RouteAccess {
  isPublic: boolean;
  roles: readonly Role[] | undefined;
  scope: ScopeDeclaration | undefined;
}

/**
 * Global, after JwtAuthGuard. Deny by default: a non-public route that forgot @Access() is refused
 * for everyone, so a missing decorator closes a route rather than opening it.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly routes: RouteMetadataCache<RouteAccess>;

  constructor(reflector: Reflector) {
    this.routes = new RouteMetadataCache((targets) => ({
      isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
      roles: reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets),
      scope: reflector.getAllAndOverride<ScopeDeclaration | undefined>(SCOPE_KEY, targets),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const route = this.routes.get(context);
    if (route.isPublic) return true;
    const roles = route.roles;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (roles && user && roles.includes(user.role)) {
      const declared = route.scope;
      const scope: Scope | undefined = typeof declared === 'string' ? declared : declared?.[user.role];
      // A role listed without a scope for it reaches nothing: the access policy finds no rule.
      if (!scope) throw forbiddenRole();
      user.scope = scope;
      return true;
    }
    throw forbiddenRole();
  }
}

const forbiddenRole = () => new DomainError(403, 'FORBIDDEN_ROLE');
