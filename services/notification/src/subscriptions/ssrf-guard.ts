import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup } from 'node:dns/promises';
import { ALLOWLIST_VARIABLE, allowedOriginProblem, allowlistEntries, originOf } from './allowed-origin';

/** Ranges a webhook must not reach: loopback, private, link-local (cloud metadata), CGNAT, unspecified, multicast. */
const FORBIDDEN: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'], // site-local (deprecated, still routed inside some networks)
  ['ff00::', 8, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64: its embedded address is not at a fixed place
  ['100::', 64, 'ipv6'], // discard-only
];

export type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Refuses webhook URLs that resolve to internal addresses unless their origin (scheme, host and port)
 * is allowlisted: an entry admits one origin, never every port of a host. Checked when a subscription
 * is saved, before every send, and at connect time on the address the socket is about to use
 * (connectLookup).
 */
export class SsrfGuard {
  private readonly forbidden = new BlockList();
  private readonly allowedOrigins = new Set<string>();

  /** `allowedOrigins`: entries as allowedOriginProblem accepts them (the configuration is checked at start-up). */
  constructor(allowedOrigins: string[], private readonly resolve: Resolver = systemResolver) {
    for (const [address, prefix, type] of FORBIDDEN) this.forbidden.addSubnet(address, prefix, type);
    for (const entry of allowedOrigins) {
      const problem = allowedOriginProblem(entry);
      if (problem) throw new Error(`${ALLOWLIST_VARIABLE}: ${problem}`);
      this.allowedOrigins.add(originOf(entry));
    }
  }

  /** The allowlist plus the operator's own endpoints (their origins only). */
  static fromConfig(allowlist: string, ...trustedUrls: Array<string | undefined>): SsrfGuard {
    return new SsrfGuard([...allowlistEntries(allowlist), ...trustedUrls.filter((u): u is string => !!u).map(originOf)]);
  }

  /** Why this resolved address is refused, or undefined (no DNS: the address is given). */
  refusal(address: string): string | undefined {
    const type: 'ipv4' | 'ipv6' = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    // An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo) is judged by both.
    const candidates: Array<[string, 'ipv4' | 'ipv6']> = [[address, type], ...(type === 'ipv6' ? embeddedIpv4(address).map((v4): [string, 'ipv4'] => [v4, 'ipv4']) : [])];
    for (const [checked, checkedType] of candidates) {
      if (this.forbidden.check(checked, checkedType)) {
        return `resolves to ${address}, a private, loopback or link-local address (allow its origin, e.g. http://host:port, with ${ALLOWLIST_VARIABLE})`;
      }
    }
    return undefined;
  }

  /**
   * The DNS lookup a socket to `origin` uses: it resolves the name and refuses the connection when an
   * address it would connect to is forbidden, so a name that answers differently at connect time than
   * at check time (DNS rebinding) is caught where it matters. An allowlisted origin is not judged.
   */
  connectLookup(origin: string, resolve: Resolver = systemResolver): LookupFunction {
    const allowed = this.allowedOrigins.has(origin);
    return (hostname, options, callback) => {
      const done = callback as (error: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void;
      resolve(hostname).then(
        (addresses) => {
          const refused = allowed ? undefined : addresses.map((a) => this.refusal(a)).find((r) => r !== undefined);
          if (addresses.length === 0) return done(Object.assign(new Error(`host ${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
          if (refused) return done(Object.assign(new Error(`refused at connect: ${hostname} ${refused}`), { code: 'ESSRF' }), '');
          const entries = addresses.map((address) => ({ address, family: isIP(address) }));
          if ((options as { all?: boolean }).all) return done(null, entries);
          return done(null, entries[0].address, entries[0].family);
        },
        (error: NodeJS.ErrnoException) => done(error, ''),
      );
    };
  }

  /** Returns why the URL is refused, or undefined when it may be called. */
  async check(url: string): Promise<string | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'is not a valid URL';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must use http or https';
    if (parsed.username || parsed.password) return 'must not carry credentials';
    if (this.allowedOrigins.has(parsed.origin)) return undefined;
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await this.resolve(host);
    } catch {
      return `host ${host} does not resolve`;
    }
    if (addresses.length === 0) return `host ${host} does not resolve`;
    return addresses.map((address) => this.refusal(address)).find((r) => r !== undefined);
  }
}

/** The 16 bytes of an IPv6 address (with :: and a dotted IPv4 tail), or undefined when it is not one. */
export function ipv6Bytes(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups].map((g) => parseInt(g, 16));
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) return undefined;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

const v4 = (bytes: number[]): string => bytes.join('.');
const allZero = (bytes: number[]): boolean => bytes.every((b) => b === 0);

/**
 * The IPv4 addresses an IPv6 address carries: IPv4-mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d,
 * IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::, Teredo 2001:0::
 * (server, and the client XOR 0xffffffff).
 */
export function embeddedIpv4(address: string): string[] {
  const b = ipv6Bytes(address);
  if (!b) return [];
  const last4 = b.slice(12);
  const found: string[] = [];
  if (allZero(b.slice(0, 10)) && b[10] === 0xff && b[11] === 0xff) found.push(v4(last4));
  if (allZero(b.slice(0, 8)) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) found.push(v4(last4));
  if (allZero(b.slice(0, 12)) && !allZero(last4)) found.push(v4(last4));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && allZero(b.slice(4, 12))) found.push(v4(last4));
  if (b[0] === 0x20 && b[1] === 0x02) found.push(v4(b.slice(2, 6)));
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) found.push(v4(b.slice(4, 8)), v4(last4.map((x) => x ^ 0xff)));
  return found;
}
