import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { AccessService } from './access.service';

/**
 * Asks the access policy about the caller's standing (an employer not yet verified reaches only
 * its own account, notices and record) on every request, before the handler — and so before any
 * pipe or service sees the ids or the body. Global, registered by the AccessModule; it runs after
 * JwtAuthGuard and RolesGuard because Nest applies the root module's global guards (AppModule's)
 * before any imported module's, so the caller is authenticated and the route's roles already
 * checked. The decision itself is `AccessService.requireStanding`, not here.
 *
 * A guard, not an interceptor: with any interceptor on a route, Nest wraps every request to it in
 * an rxjs pipeline (a ReplaySubject, a disconnect listener, several operators) — a tenth of a read's
 * CPU — even when the interceptor lets it straight through.
 */
@Injectable()
export class StandingGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  /** Route pattern → the matrix's spelling; a few hundred routes, so kept rather than rebuilt per request. */
  private readonly spelling = new Map<string, string>();

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    // Public routes (and requests Nest routes nowhere) carry no caller: nothing to decide.
    if (!req.user) return true;
    // Only a role the policy holds to its standing has anything to decide (the first question
    // requireStanding asks): every other caller goes straight on, without a promise.
    if (!this.access.can(req.user, 'organisation.mustBeVerified')) return true;
    // The route's pattern in the matrix's spelling: `/api/orders/:id` → `/api/orders/{id}`.
    const pattern = req.routeOptions?.url ?? '';
    let route = this.spelling.get(pattern);
    if (route === undefined) this.spelling.set(pattern, (route = pattern.replace(/:(\w+)/g, '{$1}')));
    return this.access.requireStanding(req.user, req.method, route).then(() => true);
  }
}
