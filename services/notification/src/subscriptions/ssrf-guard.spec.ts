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

  it('accepts what the allowlist permits, by address, range or host name', async () => {
    expect(await new SsrfGuard(['127.0.0.1']).check('http://127.0.0.1:9000/hook')).toBeUndefined();
    expect(await new SsrfGuard(['10.0.0.0/8']).check('http://10.9.8.7/hook')).toBeUndefined();
    expect(await new SsrfGuard(['receiver.internal'], resolveTo('10.0.0.1')).check('http://receiver.internal/hook')).toBeUndefined();
    expect(await new SsrfGuard(['127.0.0.1']).check('http://127.0.0.2/hook')).toMatch(/loopback/);
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
