import { SsrfGuard } from './ssrf-guard';

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
  ])('refuses %s', async (url) => {
    expect(await new SsrfGuard([]).check(url)).toMatch(/private, loopback or link-local/);
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
});
