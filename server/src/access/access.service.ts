import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/domain-error';
import type { Scope } from '../common/decorators/access.decorator';
import type { Role } from '../common/role';
import { AccessRepository } from './access.repository';
import type { Caller, PermissionDefinition, Querier } from './access.types';
import { CAPABILITIES, type Capability } from './capabilities';
import { PERMISSIONS, type Permission } from './permissions';
import { unverifiedEmployerMayCall } from './policies/employers.policy';
import { orderListFilter, type OrderListFilter } from './policies/orders.policy';
import { type PlacementScope, placementScopeOf } from './policies/placements.policy';

/**
 * THE access policy: every row-level decision ("may this caller read or change these trainees,
 * orders, placements, fairs, visits…") is asked here, in the style of immich's
 * `requireAccess(auth, permission, ids)`. Services never compare roles or organisations themselves
 * (a test fails when one does); they ask:
 *
 * - `requireAccess(caller, permission, ids)` — throws the permission's 404 unless every id is allowed;
 * - `checkAccess(caller, permission, ids)` — the allowed subset;
 * - `scopeOf(caller)` — for list queries: a typed scope the repositories narrow by (never SQL);
 * - `can(caller, capability)` — a yes/no that is not about rows (act for a trainee, see names…).
 *
 * The rules are in `permissions.ts` (what), `policies/*.ts` (which question answers it) and
 * `access.repository.ts` (the SQL that answers the question).
 */
@Injectable()
export class AccessService {
  private readonly rows: AccessRepository;

  /** `rows` is injected; unit tests that build the service by hand may give the DataSource alone. */
  constructor(dataSource: DataSource, rows?: AccessRepository) {
    this.rows = rows ?? new AccessRepository(dataSource);
  }

  /** Every id allowed, or the permission's 404. Pass the transaction's manager when inside one. */
  async requireAccess(caller: Caller, permission: Permission, ids: string | readonly string[], q?: Querier): Promise<void> {
    const wanted = typeof ids === 'string' ? [ids] : ids;
    const allowed = await this.checkAccess(caller, permission, wanted, q);
    if (wanted.some((id) => !allowed.has(id))) {
      const { noun }: PermissionDefinition = PERMISSIONS[permission];
      throw notFound(noun);
    }
  }

  /** The ids of `ids` the caller may use under `permission`. Unknown ids are simply absent. */
  async checkAccess(caller: Caller, permission: Permission, ids: readonly string[], q?: Querier): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const definition: PermissionDefinition = PERMISSIONS[permission];
    const rule = definition.rules[caller.role]?.[scopeFor(caller)];
    if (!rule) return new Set();
    if (rule === 'any') return new Set(unique);
    return new Set(await rule(this.rows, caller, unique, q));
  }

  /** The caller's reach for list queries, from the route's declared scope and their role. */
  scopeOf(caller: Caller): RowScope {
    const scope = scopeFor(caller);
    if (scope === 'all') return { kind: 'all' };
    if (scope === 'self') return { kind: 'self', userId: caller.id, role: caller.role };
    return { kind: 'organisation', organisationId: caller.organisationId, role: caller.role };
  }

  /** The caller's organisation when the list must be narrowed to it, or null when it reaches all. */
  organisationOf(caller: Caller): string | null {
    const s = this.scopeOf(caller);
    return s.kind === 'organisation' ? s.organisationId : null;
  }

  /** Which orders a list shows the caller (employers their own, counsellors the published ones). */
  orderFilter(caller: Caller): OrderListFilter {
    return orderListFilter(caller);
  }

  /** Which placements a list shows the caller; null: none. */
  placementScope(caller: Caller): PlacementScope | null {
    return placementScopeOf(caller);
  }

  /**
   * An employer whose organisation is not verified reaches only its own account, notices and
   * organisation record (`policies/employers.policy.ts`); anything else is refused with 403
   * `EMPLOYER_NOT_VERIFIED` — the same answer whatever the ids, so it tells nothing about them.
   * Asked once per request by the StandingGuard, before the route's service runs.
   * `route` is the route's pattern (`/api/orders/{id}`), not the concrete URL.
   */
  async requireStanding(caller: Caller, method: string, route: string, q?: Querier): Promise<void> {
    if (!this.can(caller, 'organisation.mustBeVerified') || unverifiedEmployerMayCall(method, route)) return;
    if (await this.rows.isVerifiedEmployer(caller.organisationId, q)) return;
    throw forbidden('EMPLOYER_NOT_VERIFIED');
  }

  /** A yes/no capability of the caller's role (see `capabilities.ts`). */
  can(caller: Pick<Caller, 'role'>, capability: Capability): boolean {
    return (CAPABILITIES[capability] as readonly Role[]).includes(caller.role);
  }
}

/**
 * The caller's reach for list queries. `all`: everything the permission allows anywhere;
 * `organisation`: rows of the caller's organisation (for a counsellor, also those handed over to
 * or by it; for an employer, its own orders and candidates); `self`: the caller's own rows.
 */
export type RowScope =
  { kind: 'all' } | { kind: 'organisation'; organisationId: string; role: Role } | { kind: 'self'; userId: string; role: Role };

/**
 * The scope the route declared for this caller. A caller built outside a request (schedulers,
 * tests of services) carries none: admins then reach all, everyone else their organisation —
 * the same defaults the routes declare.
 */
function scopeFor(caller: Caller): Scope {
  if (caller.scope) return caller.scope;
  if (caller.role === 'admin') return 'all';
  return caller.role === 'trainee' ? 'self' : 'own-organisation';
}
