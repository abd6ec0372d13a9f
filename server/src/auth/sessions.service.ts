import { isIPv4, isIPv6 } from 'node:net';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { SessionsRepository } from './sessions.repository';

/**
 * A staff session unused (not refreshed) for this long ends (STAFF_IDLE_MINUTES, default 30). Staff
 * screens show case files on shared office computers; a walk-away must not leave one open. The
 * client signs out after the same idle time and keeps an active user's session refreshed.
 * Must stay above the access token's lifetime (15 minutes), or a working access token would outlive it.
 */
export const STAFF_IDLE_MINUTES = 30;

/** However active, a staff session ends this long after sign-in (STAFF_MAX_SESSION_HOURS, default 12): one working day. */
export const STAFF_MAX_SESSION_HOURS = 12;

/** Why a staff session ended by itself, or null while it may go on. */
export type StaffSessionEnd = 'idle' | 'max_age';

/**
 * The staff limits for one session family: `lastUsedAt` is when it was last refreshed (its live
 * token's creation), `startedAt` when it signed in. Trainees and employers are not asked: they use
 * their own phones, and being signed out between two lessons would only keep them away.
 */
export function staffSessionEnd(
  session: { startedAt: Date; lastUsedAt: Date },
  now: Date,
  idleMinutes = STAFF_IDLE_MINUTES,
  maxHours = STAFF_MAX_SESSION_HOURS,
): StaffSessionEnd | null {
  if (now.getTime() - session.startedAt.getTime() >= maxHours * 3_600_000) return 'max_age';
  if (now.getTime() - session.lastUsedAt.getTime() >= idleMinutes * 60_000) return 'idle';
  return null;
}

export const sessionIdleError = () =>
  new DomainError(HttpStatus.UNAUTHORIZED, 'SESSION_IDLE', undefined, {
    idleMinutes: STAFF_IDLE_MINUTES,
  });

export const sessionMaxAgeError = () =>
  new DomainError(
    HttpStatus.UNAUTHORIZED,
    'SESSION_MAX_AGE',
    { staffMaxSessionHours: STAFF_MAX_SESSION_HOURS },
    { maxHours: STAFF_MAX_SESSION_HOURS },
  );

/**
 * The client address coarsened to its network: the first two parts of an IPv4 address
 * (`10.2.*.*`), the first two groups of an IPv6 one (`2001:db8:*`). A person can still tell
 * "office" from "somewhere else"; nobody can be located from it.
 */
export function maskAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(v4)) {
    const [a, b] = v4.split('.');
    return `${a}.${b}.*.*`;
  }
  if (isIPv6(ip)) {
    const head = (ip.split('::')[0] ?? '').split(':').filter(Boolean).slice(0, 2);
    return head.length ? `${head.join(':')}:*` : '::*';
  }
  return null;
}

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger/i, 'WeChat'],
  [/MQQBrowser|QQBrowser|\bQQ\//i, 'QQ Browser'],
  [/UCBrowser|UCWEB/i, 'UC Browser'],
  [/HuaweiBrowser/i, 'Huawei Browser'],
  [/MiuiBrowser/i, 'Mi Browser'],
  [/SamsungBrowser/i, 'Samsung Internet'],
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/i, 'HarmonyOS'],
  [/Windows NT/, 'Windows'],
  [/iPad/, 'iPadOS'],
  [/iPhone|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Macintosh|Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/**
 * Browser and system named from the user agent, coarsely and from fixed lists: the raw string
 * (versions, device model, build numbers) is never shown — it fingerprints the phone.
 */
export function describeDevice(userAgent: string | null | undefined): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const first = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser: first(BROWSERS), os: first(SYSTEMS) };
}

/** One signed-in device as the owner sees it. */
export interface SessionInfo {
  /** The session family: stable across token rotations, so a list stays valid while it refreshes. */
  id: string;
  startedAt: string;
  lastUsedAt: string;
  browser: string | null;
  os: string | null;
  address: string | null;
  current: boolean;
}

/** The caller as the JWT strategy puts it on the request: with the session family it signed in as. */
export type SessionCaller = AuthUser & { sid?: string };

/**
 * One's own sign-ins ("登录设备"): list them, end one, end all others. Everything is scoped to the
 * caller's own user id in SQL; someone else's session is simply not found.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async list(caller: SessionCaller): Promise<SessionInfo[]> {
    const rows = await this.sessions.listLive(caller.id);
    // A staff session past its limits is over even though no refresh has said so yet.
    const limited = this.access.can(caller, 'session.staff_limits');
    const now = new Date();
    return rows
      .filter((r) => r.familyId === caller.sid || !limited || !staffSessionEnd(r, now))
      .map((r) => ({
        id: r.familyId,
        startedAt: r.startedAt.toISOString(),
        lastUsedAt: r.lastUsedAt.toISOString(),
        ...describeDevice(r.userAgent),
        address: r.clientAddress,
        current: r.familyId === caller.sid,
      }));
  }

  /** Ends one of the caller's sessions (its next refresh fails, its access token stops at once). */
  async end(caller: SessionCaller, familyId: string, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.sessions.revokeFamilyOfUser(caller.id, familyId, 'ended_by_user', manager);
      if (revoked === 0) throw notFound('SESSION');
      await this.audit.record(
        {
          actor: caller,
          action: 'auth.session_end',
          subjectType: 'user',
          subjectId: caller.id,
          result: 'success',
          ctx,
          detail: { familyId, current: familyId === caller.sid },
        },
        manager,
      );
    });
  }

  /** Ends every session of the caller but this one. */
  async endOthers(caller: SessionCaller, ctx: RequestContext): Promise<{ ended: number }> {
    if (!caller.sid) throw notFound('SESSION');
    const keep = caller.sid;
    return this.dataSource.transaction(async (manager) => {
      const families = await this.sessions.revokeOtherFamilies(caller.id, keep, 'ended_by_user', manager);
      await this.audit.record(
        {
          actor: caller,
          action: 'auth.session_end',
          subjectType: 'user',
          subjectId: caller.id,
          result: 'success',
          ctx,
          detail: { others: true, ended: families.length },
        },
        manager,
      );
      return { ended: families.length };
    });
  }

  /** Ends every live session of the account (its credentials were revoked), in the caller's transaction. */
  async revokeAllForUser(userId: string, reason: string, manager: EntityManager): Promise<number> {
    return this.sessions.revokeAllForUser(userId, reason, manager);
  }

  /** Housekeeping: deletes up to `limit` sessions that can no longer be used (see SessionsRepository.deleteExpired). */
  deleteExpired(limit: number, manager?: EntityManager): Promise<number> {
    return this.sessions.deleteExpired(limit, manager);
  }
}
