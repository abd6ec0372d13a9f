import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../users/user.entity';
import type { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../decorators/access.decorator';
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
    if (roles && user && roles.includes(user.role)) return true;
    throw new DomainError(403, 'FORBIDDEN_ROLE', '您的账号没有使用此功能的权限。', 'Your account may not use this function.');
  }
}
