import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import type { Scope } from '../common/decorators/access.decorator';
import type { Role } from '../users/user.entity';

/**
 * The caller as the access policy sees it: who they are and how far the route they called lets
 * them reach. `scope` is the route's `@Access(roles, scope)` resolved for the caller's role by the
 * RolesGuard; the policy picks its rule by it, so a scope declared on a route is a rule that runs.
 */
export type Caller = AuthUser & { scope?: Scope };

/** Runs SQL for a rule; a DataSource or the EntityManager of the caller's transaction. */
export type Querier = Pick<EntityManager, 'query'>;

/**
 * One row rule: which of `ids` the caller may touch. `'any'` grants every id (admins over the
 * whole province, catalogue rows). SQL lives in the policy files, never in services.
 */
export type Rule = 'any' | ((q: Querier, caller: Caller, ids: string[]) => Promise<string[]>);

/** For one permission: per role, per declared scope, the rule. No rule written = denied. */
export type PermissionPolicy = Partial<Record<Role, Partial<Record<Scope, Rule>>>>;

/** What a refused id is called in the 404 the caller gets (never 403: existence is itself sensitive). */
export interface PolicyNoun {
  zh: string;
  en: string;
}

export interface PermissionDefinition {
  noun: PolicyNoun;
  rules: PermissionPolicy;
}

/** The ids of the rows a rule's query returned. */
export const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);
