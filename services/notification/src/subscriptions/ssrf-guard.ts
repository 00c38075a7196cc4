import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

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
  ['ff00::', 8, 'ipv6'],
];

export type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Refuses webhook URLs that resolve to internal addresses unless the allowlist names the host or a
 * range containing the address. Checked when a subscription is saved and again before every send,
 * so a DNS answer that changes later is caught too (the connection itself is not pinned).
 */
export class SsrfGuard {
  private readonly forbidden = new BlockList();
  private readonly allowedRanges = new BlockList();
  private readonly allowedHosts = new Set<string>();

  constructor(allowlist: string[], private readonly resolve: Resolver = systemResolver) {
    for (const [address, prefix, type] of FORBIDDEN) this.forbidden.addSubnet(address, prefix, type);
    for (const raw of allowlist.map((s) => s.trim().toLowerCase()).filter(Boolean)) {
      const [address, prefix] = raw.split('/');
      const family = isIP(address);
      if (family === 0) this.allowedHosts.add(raw);
      else if (prefix === undefined) this.allowedRanges.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      else this.allowedRanges.addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  static fromConfig(allowlist: string, ...extraHosts: Array<string | undefined>): SsrfGuard {
    return new SsrfGuard([...allowlist.split(','), ...extraHosts.filter((h): h is string => !!h)]);
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
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowedHosts.has(host)) return undefined;
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await this.resolve(host);
    } catch {
      return `host ${host} does not resolve`;
    }
    if (addresses.length === 0) return `host ${host} does not resolve`;
    for (const address of addresses) {
      const type: 'ipv4' | 'ipv6' = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      const mapped = type === 'ipv6' ? ipv4Mapped(address) : undefined;
      const [checked, checkedType] = mapped ? [mapped, 'ipv4' as const] : [address, type];
      if (this.forbidden.check(checked, checkedType) && !this.allowedRanges.check(checked, checkedType)) {
        return `resolves to ${address}, a private, loopback or link-local address (allow it with NOTIFICATION_URL_ALLOWLIST)`;
      }
    }
    return undefined;
  }
}

function ipv4Mapped(address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1];
}
