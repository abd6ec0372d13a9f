import { creditCodeCheckChar, identityCheckChar } from '../common/check-digits';

/** A small seeded PRNG (mulberry32): the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓符吉云羊';
const GIVEN = '明华强军伟芳娜敏静磊洋勇艳杰涛超秀兰霞平刚桂英海波辉玲鹏飞宁文斌建国志红春燕';

export function syntheticName(rand: () => number): string {
  const pick = (s: string) => s[Math.floor(rand() * s.length)]!;
  return pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
}

/** A synthetic 身份证号 with a valid check character (GB 11643). */
export function syntheticIdentityNumber(region: string, birth: string, seq: number, sex: 'M' | 'F'): string {
  const s = (seq % 500) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = region + birth.replaceAll('-', '') + String(s).padStart(3, '0');
  return first17 + identityCheckChar(first17);
}

/** A synthetic 统一社会信用代码 with a valid check character (GB 32100). */
export function syntheticCreditCode(division: string, serial: number): string {
  const first17 = `91${division}${String(serial).padStart(8, '0')}A`;
  return first17 + creditCodeCheckChar(first17);
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
