import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** What the receiver answers: a status (with headers), or a delay longer than the sender's timeout. */
export type ReceiverResponse = { status: number; headers?: Record<string, string>; delayMs?: number };

/**
 * A real local HTTP receiver for webhook tests: records every request and answers from a script
 * (e.g. fail twice, then succeed).
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server?: Server;
  private script: ReceiverResponse[] = [];
  port = 0;

  /** Responses for the next requests, in order; after the script runs out every answer is 200. */
  respondWith(...responses: ReceiverResponse[]): void {
    this.script.push(...responses);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
        const next = this.script.shift() ?? { status: 200 };
        setTimeout(() => {
          res.writeHead(next.status, next.headers);
          res.end();
        }, next.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      if (Date.now() > deadline) throw new Error(`webhook receiver: expected ${count} requests within ${timeoutMs} ms, got ${this.requests.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.requests;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
