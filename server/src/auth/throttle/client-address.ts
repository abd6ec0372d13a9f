import { isIP } from 'node:net';

/**
 * The part of a client address that one party controls: an IPv4 address as is (an IPv4-mapped
 * IPv6 address is the IPv4 one), and the /64 network of an IPv6 address — one home or one phone
 * gets a whole /64, so counting single IPv6 addresses would count nothing. Null when unknown.
 */
export function addressBucket(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const family = isIP(ip);
  if (family === 4) return ip;
  if (family !== 6) return null;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

/** Eight hextets, without zone id; an embedded IPv4 tail becomes two hextets. */
function expandIpv6(ip: string): string[] {
  let address = ip.split('%')[0]!.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    address = address.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((h) => (parseInt(h, 16) || 0).toString(16));
}
