import { createHash, timingSafeEqual } from 'node:crypto';

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is `127.0.0.1`. */
const normalise = (address: string) =>
  address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Compares digests, so neither the token's content nor its length shows in the time taken. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may read the metrics: a client whose address is allow-listed, or any client presenting the
 * metrics bearer token. `address` must be the socket's peer, not `request.ip`: with TRUST_PROXY on,
 * `request.ip` is read from X-Forwarded-For, which the client writes itself.
 */
export function metricsAccessAllowed(
  address: string | undefined,
  authorization: string | undefined,
  config: { metricsAllow: readonly string[]; metricsToken: string | undefined },
): boolean {
  if (address && config.metricsAllow.some((a) => normalise(a) === normalise(address))) return true;
  if (!config.metricsToken || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match !== null && sameSecret(match[1]!, config.metricsToken);
}
