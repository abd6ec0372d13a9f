import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../role';
import type { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY, ROLES_KEY, type Scope, SCOPE_KEY, type ScopeDeclaration } from '../decorators/access.decorator';
import { DomainError } from '../domain-error';

/**
 * Global, after JwtAuthGuard. Deny by default: a non-public route that forgot @Access() is refused
 * for everyone, so a missing decorator closes a route rather than opening it.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (roles && user && roles.includes(user.role)) {
      const declared = this.reflector.getAllAndOverride<ScopeDeclaration | undefined>(SCOPE_KEY, targets);
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
