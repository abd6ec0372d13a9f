/**
 * The check-in code as the server makes it (`server/src/common/codes.ts`): 8 characters of
 * 2–9 and A–Z without I, L and O (nothing that reads as 0/O or 1/I/L).
 */
const CODE = /^[2-9A-HJKMNP-Z]{8}$/;

/** What the desk sends: upper case, without the space or dash a printed or spoken code carries. */
export function normaliseCheckInCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/[\s-]/g, '');
}

export function isCheckInCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * The code in a scanned QR text: the trainee's page encodes the bare code; a link or label that ends
 * in the code (a later printed slip) is read too. Null when it is not a check-in code.
 */
export function checkInCodeFromQr(text: string): string | null {
  const bare = normaliseCheckInCode(text);
  if (isCheckInCode(bare)) return bare;
  const tail = /([2-9A-HJKMNP-Z]{8})$/.exec(text.trim().toUpperCase());
  return tail && !/[A-Z0-9]$/.test(text.trim().toUpperCase().slice(0, -8)) ? tail[1]! : null;
}
