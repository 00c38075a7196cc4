import { embeddedIpv4, SsrfGuard } from './ssrf-guard';

const resolveTo = (...addresses: string[]) => async () => addresses;

describe('SSRF guard', () => {
  it.each([
    ['http://127.0.0.1:8080/hook'],
    ['http://[::1]/hook'],
    ['http://10.1.2.3/hook'],
    ['http://172.20.0.1/hook'],
    ['http://192.168.1.10/hook'],
    ['http://169.254.169.254/latest/meta-data'],
    ['http://[fe80::1]/hook'],
    ['http://[::ffff:127.0.0.1]/hook'],
    ['http://0.0.0.0/hook'],
    // IPv6 forms that carry a forbidden IPv4 address, and site-local (all accepted before)
    ['http://[::7f00:1]/hook'], // IPv4-compatible 127.0.0.1
    ['http://[::ffff:0:7f00:1]/hook'], // SIIT 127.0.0.1
    ['http://[::ffff:7f00:1]/hook'], // IPv4-mapped, hex form
    ['http://[64:ff9b::a9fe:a9fe]/hook'], // NAT64 169.254.169.254
    ['http://[2002:7f00:1::]/hook'], // 6to4 127.0.0.1
    ['http://[2002:a00:1::1]/hook'], // 6to4 10.0.0.1
    ['http://[fec0::1]/hook'], // site-local
  ])('refuses %s', async (url) => {
    expect(await new SsrfGuard([]).check(url)).toMatch(/private, loopback or link-local/);
  });

  it('accepts IPv6 forms that carry a public IPv4 address (NAT64 and 6to4 of 8.8.8.8)', async () => {
    expect(await new SsrfGuard([]).check('http://[64:ff9b::808:808]/hook')).toBeUndefined();
    expect(await new SsrfGuard([]).check('http://[2002:808:808::1]/hook')).toBeUndefined();
  });

  it('refuses a public name that resolves to a private address', async () => {
    expect(await new SsrfGuard([], resolveTo('93.184.216.34', '10.0.0.5')).check('https://hooks.example.com/x')).toMatch(/10\.0\.0\.5/);
  });

  it('accepts a public address', async () => {
    expect(await new SsrfGuard([], resolveTo('93.184.216.34')).check('https://hooks.example.com/x')).toBeUndefined();
  });

  it('admits exactly the allowlisted origin: same scheme, host and port', async () => {
    const guard = new SsrfGuard(['http://127.0.0.1:9000', 'http://receiver.internal:8080'], resolveTo('10.0.0.1'));
    expect(await guard.check('http://127.0.0.1:9000/hook')).toBeUndefined();
    expect(await guard.check('http://receiver.internal:8080/any/path?x=1')).toBeUndefined();
    // Another port of the same host (PostgreSQL, Redis), another scheme, another address: refused.
    expect(await guard.check('http://127.0.0.1:5432/hook')).toMatch(/loopback.*NOTIFICATION_URL_ALLOWLIST/);
    expect(await guard.check('http://127.0.0.1/hook')).toMatch(/loopback/);
    expect(await guard.check('https://127.0.0.1:9000/hook')).toMatch(/loopback/);
    expect(await guard.check('http://127.0.0.2:9000/hook')).toMatch(/loopback/);
    expect(await guard.check('http://receiver.internal:8081/hook')).toMatch(/10\.0\.0\.1/);
  });

  it('matches origins as URLs normalise them (default port, case, IPv6 brackets)', async () => {
    expect(await new SsrfGuard(['https://Hooks.Internal:443/'], resolveTo('10.0.0.1')).check('https://hooks.internal/x')).toBeUndefined();
    expect(await new SsrfGuard(['http://[::1]:8080']).check('http://[::1]:8080/x')).toBeUndefined();
    expect(await new SsrfGuard(['http://[::1]:8080']).check('http://[::1]:8081/x')).toMatch(/loopback/);
  });

  it('trusts the operator\'s own webhook URL by its origin only', async () => {
    const guard = SsrfGuard.fromConfig('', 'http://127.0.0.1:3009/hashdesk');
    expect(await guard.check('http://127.0.0.1:3009/other')).toBeUndefined();
    expect(await guard.check('http://127.0.0.1:6379/')).toMatch(/loopback/);
  });

  it.each(['127.0.0.1', '10.0.0.0/8', 'receiver.internal', 'http://127.0.0.1:3009/hook', 'http://*.internal:80', 'localhost:3009', 'ftp://10.0.0.1:21'])(
    'refuses the allowlist entry %s, which is not one origin', (entry) => {
      expect(() => new SsrfGuard([entry])).toThrow(/NOTIFICATION_URL_ALLOWLIST: .*must be one origin: scheme, host and port/);
    });

  it('refuses other schemes and embedded credentials', async () => {
    expect(await new SsrfGuard([]).check('file:///etc/passwd')).toBe('must use http or https');
    expect(await new SsrfGuard([], resolveTo('93.184.216.34')).check('https://user:pw@hooks.example.com/')).toBe('must not carry credentials');
  });

  it.each([
    ['::ffff:127.0.0.1', ['127.0.0.1']],
    ['::7f00:1', ['127.0.0.1']],
    ['64:ff9b::a9fe:a9fe', ['169.254.169.254']],
    ['2002:c0a8:101::', ['192.168.1.1']],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', ['65.54.227.120', '192.0.2.45']], // Teredo (RFC 4380 example)
    ['2606:4700::1111', []],
  ])('finds the IPv4 address %s carries', (address, expected) => {
    expect(embeddedIpv4(address)).toEqual(expected);
  });
});
