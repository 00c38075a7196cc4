import { Topics } from '@hashdesk/contracts';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';
import { TEST_ADMIN_HEADERS } from '@hashdesk/testing';

/**
 * PATCH on watchlist entries and stop lines, against the real broker and PostgreSQL: a line switched
 * off judges nothing and keeps its state; switched back on with a wider hysteresis band it does not
 * signal a breach already signalled, and recovers only past the new band.
 */
describe('risk watchlist and stop line changes', () => {
  const stack = new Stack('risk-policy-stop-lines');
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.service('risk').url}${path}`, { method, headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const fields = (body: { violations: Array<{ field: string }> }) => body.violations.map((v) => v.field);

  beforeAll(async () => {
    await stack.prepare();
    await stack.start('risk');
    await seedCompanyProfiles(stack, ['CLSK', 'MARA']);
  }, 120_000);
  afterAll(() => stack.stopAll());

  it('given a breached fixed line, when it is switched off, moved and switched back on, then no breach repeats and one recovery comes past the new band', async () => {
    const alerts = await stack.probe(Topics.alertRaised);
    const entry = await call('POST', '/v1/risk/watchlist', { ticker: 'CLSK' });
    const line = await call('POST', `/v1/risk/watchlist/${entry.body.entryId}/lines`, { kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.1 });
    expect(line.body.enabled).toBe(true);
    const linePath = `/v1/risk/watchlist/${entry.body.entryId}/lines/${line.body.lineId}`;
    const quote = async (priceUsd: number, day: number) =>
      (await call('POST', '/v1/risk/equity-quotes', { ticker: 'CLSK', priceUsd, observedAt: new Date(Date.UTC(2025, 10, day, 21)).toISOString() })).body;

    expect(await quote(8.5, 3)).toEqual({ duplicate: false, alerts: 1 }); // below 9: breach

    const off = await call('PATCH', linePath, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, breached: true });
    // 9.5 would clear 9 × 1.02 = 9.18, but the line is off: nothing, and its state is untouched.
    expect(await quote(9.5, 4)).toEqual({ duplicate: false, alerts: 0 });
    expect((await call('GET', linePath)).body).toMatchObject({ enabled: false, breached: true, state: off.body.state });

    // On again, level 9 kept, band widened to 5 %: recovery needs 9 × 1.05 = 9.45.
    const on = await call('PATCH', linePath, { enabled: true, recoveryMarginRatio: 0.05 });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, breached: true, definition: { kind: 'fixed', entryPriceUsd: 10, dropRatio: 0.1, recoveryMarginRatio: 0.05 } });
    expect(await quote(8.8, 5)).toEqual({ duplicate: false, alerts: 0 }); // still breached: signalled already
    expect(await quote(9.3, 6)).toEqual({ duplicate: false, alerts: 0 }); // above 9.18, inside the new band
    expect(await quote(9.5, 7)).toEqual({ duplicate: false, alerts: 1 }); // past 9.45: one recovery

    await alerts.waitFor((events) => events.length >= 2, 30_000, 'the breach and the recovery');
    await stack.settled(); // the watermark: everything sent so far has been handled, relayed and read
    expect(alerts.events.map((e) => [e.message.subject, e.message.severity, e.message.threshold])).toEqual([['CLSK', 2, 9], ['CLSK', 1, expect.closeTo(9.45, 9)]]);

    for (const [body, field] of [[{ enabled: 'yes' }, 'enabled'], [{ enabled: null }, 'enabled'], [{ entryPriceUsd: 0 }, 'entryPriceUsd'], [{ dropRatio: 1.5 }, 'dropRatio']] as const) {
      const bad = await call('PATCH', linePath, body);
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toContain(field);
    }
    expect((await call('GET', linePath)).body).toMatchObject({ enabled: true, definition: { entryPriceUsd: 10, dropRatio: 0.1 } });
  }, 60_000);

  it('given a watchlist entry, when its note is patched, then it changes; a ticker or a bad note is a 400 naming the field; an unknown entry is a 404', async () => {
    const entry = await call('POST', '/v1/risk/watchlist', { ticker: 'MARA', note: 'starter' });
    const path = `/v1/risk/watchlist/${entry.body.entryId}`;
    const patched = await call('PATCH', path, { note: 'trimmed after Q3' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ entryId: entry.body.entryId, ticker: 'MARA', note: 'trimmed after Q3', lines: [] });

    for (const [body, field] of [[{ ticker: 'RIOT' }, 'ticker'], [{ note: 5 }, 'note'], [{ note: 'x'.repeat(501) }, 'note']] as const) {
      const bad = await call('PATCH', path, body);
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toContain(field);
    }
    expect((await call('GET', path)).body).toMatchObject({ ticker: 'MARA', note: 'trimmed after Q3' });
    expect((await call('PATCH', path, { note: null })).body.note).toBeNull();
    expect((await call('PATCH', '/v1/risk/watchlist/00000000-0000-4000-8000-000000000000', { note: 'x' })).status).toBe(404);
  }, 30_000);
});
