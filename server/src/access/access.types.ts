import type { ThingCode } from '../common/messages/catalogue';
import type { AuthUser } from '../common/auth-user';
import type { Scope } from '../common/decorators/access.decorator';
import type { Role } from '../common/role';
import type { AccessRepository, Querier } from './access.repository';

export type { Querier } from './access.repository';

/**
 * The caller as the access policy sees it: who they are and how far the route they called lets
 * them reach. `scope` is the route's `@Access(roles, scope)` resolved for the caller's role by the
 * RolesGuard; the policy picks its rule by it, so a scope declared on a route is a rule that runs.
 */
export type Caller = AuthUser & { scope?: Scope };

/**
 * Which of `ids` the caller may touch, asked of the access repository (where the SQL is); `q` is
 * the caller's transaction when the decision is taken inside one.
 */
export type RowRule = (rows: AccessRepository, caller: Caller, ids: string[], q?: Querier) => Promise<string[]>;

/** One row rule; `'any'` grants every id (admins over the whole province, catalogue rows). */
export type Rule = 'any' | RowRule;

/** For one permission: per role, per declared scope, the rule. No rule written = denied. */
export type PermissionPolicy = Partial<Record<Role, Partial<Record<Scope, Rule>>>>;

/** What a refused id is called in the 404 the caller gets (never 403: existence is itself sensitive). */
export type PolicyNoun = ThingCode;

export interface PermissionDefinition {
  noun: PolicyNoun;
  rules: PermissionPolicy;
}
