/**
 * How a list's total reads. Long lists (audit log, follow-up visits, notifications) count matching rows
 * only up to the server's cap (10,000): past it the answer says `totalCapped` and `total` is the cap, so
 * the page shows "10,000+" — in `common.total` that reads 共 10,000+ 条 / 10,000+ in total.
 */
export function pageTotal(page: { readonly total: number; readonly totalCapped?: boolean } | null | undefined): string {
  if (!page) return '0';
  const n = page.total.toLocaleString('en-US');
  return page.totalCapped ? `${n}+` : n;
}
