import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from './stack';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** What every service has: validated config, real readiness, OpenAPI, JSON logs, clean SIGTERM. */
describe('service bones', () => {
  it('exits non-zero at start naming each missing or malformed variable', () => {
    const result = spawnSync(process.execPath, ['-r', join(REPO_ROOT, 'scripts', 'register.js'), join(REPO_ROOT, 'services', 'risk', 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, KAFKA_BROKERS: 'not a broker list', REDIS_URL: 'redis://127.0.0.1:6379', RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY: 'cheap' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(/KAFKA_BROKERS: must be a comma-separated list of host:port/);
    expect(result.stderr).toMatch(/DATABASE_URL/);
    expect(result.stderr).toMatch(/RISK_HASHPRICE_FLOOR_USD_PER_PH_DAY: must be a number/);
  });

  describe('running services', () => {
    const stack = new Stack('bones');
    const names = ['ingest', 'valuation', 'risk', 'notification'] as const;
    beforeAll(async () => {
      await stack.prepare();
      await stack.start(...names);
    });
    afterAll(() => stack.stopAll());

    it.each(names)('%s is ready only because Kafka, PostgreSQL and Redis answer, and says so per dependency', async (name) => {
      const live = await fetch(`${stack.service(name).url}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${stack.service(name).url}/health/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
      expect(body.status).toBe('ok');
      for (const dependency of ['kafka', 'postgres', 'redis']) expect(body.info[dependency]?.status).toBe('up');
    });

    it('publishes its OpenAPI document and logs structured JSON', async () => {
      const document = (await (await fetch(`${stack.service('valuation').url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/v1/network/hashprice/latest');
      const lines = readFileSync(stack.service('valuation').logFile, 'utf8').split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(0);
      expect(JSON.parse(lines[0])).toEqual(expect.objectContaining({ level: expect.anything(), msg: expect.any(String) }));
    });

    it.each(names)('%s declares every security scheme its OpenAPI operations name', async (name) => {
      type Operation = { security?: Array<Record<string, unknown>> };
      const document = (await (await fetch(`${stack.service(name).url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, Operation>>; components?: { securitySchemes?: Record<string, unknown> };
      };
      const named = Object.values(document.paths).flatMap((ops) => Object.values(ops)).flatMap((op) => (op.security ?? []).flatMap((r) => Object.keys(r)));
      const declared = Object.keys(document.components?.securitySchemes ?? {});
      for (const scheme of new Set(named)) expect(declared).toContain(scheme);
      if (name === 'notification') expect(named).toContain('api-key');
    });

    it.each(names)('%s exits 0 on SIGTERM after draining and closing every connection', async (name) => {
      expect(await stack.service(name).stop()).toBe(0);
    });
  });
});
