import { type EntityManager, In, IsNull } from 'typeorm';
import { insertDemoActivationCode } from '../activation/activation.service';
import type { FieldCipher } from '../common/crypto/field-cipher';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

/**
 * DEMO ONLY — a fixed, published activation code. A real code is drawn with crypto.randomInt when a
 * counsellor issues it and shown once; this one is chosen so the README can print it, and it is
 * loaded only with the demo data (which production refuses).
 */
export const DEMO_ACTIVATION_CODE = 'DEMA-CTV8-26';

/** Demo only: long enough that a demo database keeps a working code for a year. */
const DEMO_CODE_DAYS = 365;

/**
 * One released demo trainee without an account gets a live activation code, issued by a counsellor
 * of the organisation holding them, so the activation page can be tried: the code above, the
 * trainee's birth year, any free username and a password that follows the rule. Returns who.
 */
export async function loadDemoActivation(
  m: EntityManager,
  cipher: FieldCipher,
  today: Date,
): Promise<{ traineeId: string; fullName: string; birthYear: number } | null> {
  const trainee = await m.getRepository(Trainee).findOne({
    where: { state: In(['released', 'community']), userId: IsNull() },
    order: { state: 'DESC', fullName: 'ASC', id: 'ASC' },
  });
  if (!trainee) return null;
  const issuer = await m.getRepository(User).findOne({
    where: { organisationId: trainee.organisationId, role: 'counsellor', disabledAt: IsNull() },
    order: { username: 'ASC' },
  });
  if (!issuer) return null;
  await insertDemoActivationCode(m, cipher, {
    traineeId: trainee.id,
    code: DEMO_ACTIVATION_CODE,
    issuedBy: issuer.id,
    issuedAt: today,
    expiresAt: new Date(today.getTime() + DEMO_CODE_DAYS * 86_400_000),
  });
  return { traineeId: trainee.id, fullName: trainee.fullName, birthYear: trainee.birthYear };
}
