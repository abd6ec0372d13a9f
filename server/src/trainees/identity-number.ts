import { identityNumberProblem, type IdentityProblem } from '../common/check-digits';
import { badRequest } from '../common/domain-error';

const IDENTITY_MESSAGES: Record<IdentityProblem, [string, string]> = {
  format: ['身份证号应为18位，最后一位可以是数字或X。', 'An identity number has 18 characters; the last may be a digit or X.'],
  region: ['身份证号前两位不是有效的省份代码。', 'The first two digits are not a valid province code.'],
  birth_date: ['身份证号中的出生日期不存在。', 'The birth date inside the identity number does not exist.'],
  check_digit: ['身份证号校验位不正确，请逐位核对。', 'The check character is wrong; check each digit.'],
};

export function assertIdentityNumber(value: string, today: Date): void {
  const problem = identityNumberProblem(value, today);
  if (problem) {
    const [zh, en] = IDENTITY_MESSAGES[problem];
    throw badRequest('IDENTITY_NUMBER_INVALID', zh, en, { problem });
  }
}

/**
 * What is kept in clear from an identity number: the sex, the birth YEAR (never the day) and the
 * last four characters. Region and day of birth stay inside the ciphertext: next to the home
 * division and the last four, they would let the number be rebuilt.
 */
export function identityFacts(v: string): { sex: 'M' | 'F'; birthYear: number; identityNumberTail: string } {
  return { sex: Number(v[16]) % 2 === 1 ? 'M' : 'F', birthYear: Number(v.slice(6, 10)), identityNumberTail: v.slice(-4) };
}
