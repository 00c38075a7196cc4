import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SsrfGuard } from '../../subscriptions/ssrf-guard';
import type { ClaimedDelivery } from '../claimed-delivery';
import { HttpSender } from './http.sender';

/** A local endpoint that counts what reaches it. */
async function endpoint(): Promise<{ server: Server; port: number; received: () => number }> {
  let received = 0;
  const server = createServer((request, response) => {
    received += 1;
    request.resume();
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received: () => received };
}

const delivery = (url: string) => ({ url, channel: 'webhook', event_id: 'evt-1', body: '{"type":"t"}', secret: null, traceparent: null }) as unknown as ClaimedDelivery;
const options = { timeoutMs: 2_000, maxConnectionsPerEndpoint: 2, maxConnections: 4 };

describe('HttpSender: the address checked is the address connected to', () => {
  it('given a name that resolves to a public address when checked and to 127.0.0.1 when connecting (DNS rebinding), when sent, then the connection is refused and nothing arrives', async () => {
    const target = await endpoint();
    try {
      const guard = new SsrfGuard([], async () => ['93.184.216.34']);
      const sender = new HttpSender(guard, options, async () => ['127.0.0.1']);
      const outcome = await sender.send(delivery(`http://rebinding.example:${target.port}/hook`));
      sender.close();
      expect(outcome.ok).toBe(false);
      expect(String((outcome as { error?: string }).error)).toMatch(/refused at connect: rebinding\.example resolves to 127\.0\.0\.1/);
      expect(target.received()).toBe(0);
    } finally {
      target.server.close();
    }
  });

  it('given a name the allowlist permits, when sent, then the connect-time check lets it through to the endpoint', async () => {
    const target = await endpoint();
    try {
      const guard = new SsrfGuard([`http://hooks.internal:${target.port}`], async () => ['127.0.0.1']);
      const sender = new HttpSender(guard, options, async () => ['127.0.0.1']);
      const outcome = await sender.send(delivery(`http://hooks.internal:${target.port}/hook`));
      sender.close();
      expect(outcome).toMatchObject({ ok: true, statusCode: 204 });
      expect(target.received()).toBe(1);
    } finally {
      target.server.close();
    }
  });

  it('given an allowlisted origin, when a delivery goes to another port of the same host, then it is refused before and at connect and nothing arrives', async () => {
    const allowed = await endpoint();
    const other = await endpoint();
    try {
      const guard = new SsrfGuard([`http://hooks.internal:${allowed.port}`], async () => ['127.0.0.1']);
      const sender = new HttpSender(guard, options, async () => ['127.0.0.1']);
      const outcome = await sender.send(delivery(`http://hooks.internal:${other.port}/hook`));
      // The connect-time lookup alone, bypassing the pre-send check, refuses it as well.
      const atConnect = await new Promise<string>((resolve) =>
        guard.connectLookup(`http://hooks.internal:${other.port}`, async () => ['127.0.0.1'])('hooks.internal', {}, (error) => resolve(String(error?.message))));
      sender.close();
      expect(outcome).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/url refused: resolves to 127\.0\.0\.1/) });
      expect(atConnect).toMatch(/refused at connect/);
      expect(other.received()).toBe(0);
    } finally {
      allowed.server.close();
      other.server.close();
    }
  });
});
