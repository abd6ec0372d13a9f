/** `ABCDEFGHJK` (or an already grouped code) as `ABCD-EFGH-JK`, the way it is printed and read out. */
export function groupActivationCode(code: string): string {
  const plain = code.replace(/[\s-]+/g, '').toUpperCase();
  return [plain.slice(0, 4), plain.slice(4, 8), plain.slice(8)].filter((g) => g.length > 0).join('-');
}
