import { formatActivationCode } from './activation-code';
import type { ActivationCodeRow } from './activation.repository';
import type { ActivationCodeStatusDto, ActivationStatus, IssuedActivationCodeDto } from './dto/activation.dto';

export const toIssuedActivationCodeDto = (code: string, issuedAt: Date, expiresAt: Date): IssuedActivationCodeDto => ({
  code: formatActivationCode(code),
  issuedAt: issuedAt.toISOString(),
  expiresAt: expiresAt.toISOString(),
});

const statusOf = (c: ActivationCodeRow | null, now: Date): ActivationStatus => {
  if (!c) return 'none';
  if (c.usedAt) return 'used';
  if (c.revokedAt) return 'revoked';
  return c.expiresAt.getTime() > now.getTime() ? 'live' : 'expired';
};

/** The status of the trainee's newest code; never the code (only its hash is kept). */
export const toActivationCodeStatusDto = (c: ActivationCodeRow | null, hasAccount: boolean, now: Date): ActivationCodeStatusDto => ({
  status: statusOf(c, now),
  hasAccount,
  issuedAt: c?.issuedAt.toISOString() ?? null,
  expiresAt: c?.expiresAt.toISOString() ?? null,
  usedAt: c?.usedAt?.toISOString() ?? null,
});
