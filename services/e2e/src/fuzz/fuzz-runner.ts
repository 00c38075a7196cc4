import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-requests';

export interface FuzzResult {
  request: FuzzRequest;
  /** Which case it was: regenerate it with the same seed and the operation's index. */
  index: number;
  status: number;
  /** The body as text (cut at 2,000 characters), or the transport error. */
  text: string;
  json?: unknown;
}

/** N requests of an operation, the same for the same seed (fc.sample with a fixed seed is deterministic). */
export function sampleRequests(arbitrary: fc.Arbitrary<FuzzRequest>, seed: number, count: number): FuzzRequest[] {
  return fc.sample(arbitrary, { seed, numRuns: count });
}

/** A seed per operation, so adding an operation does not change the cases of the others. */
export function operationSeed(seed: number, label: string): number {
  let hash = seed | 0;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Sends requests with a few in flight at a time. An event stream (notification's SSE) is closed as soon
 * as its headers arrive: only its status matters. A request that gets no answer at all is status 0.
 */
export async function sendAll(
  baseUrlOf: (request: FuzzRequest) => string,
  authHeaders: (request: FuzzRequest) => Record<string, string>,
  requests: Array<{ request: FuzzRequest; index: number }>,
  concurrency = 6,
): Promise<FuzzResult[]> {
  const results: FuzzResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { request, index } = requests[next++];
      results.push({ ...(await send(baseUrlOf(request), authHeaders(request), request)), index, request });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

async function send(baseUrl: string, auth: Record<string, string>, request: FuzzRequest): Promise<Omit<FuzzResult, 'request' | 'index'>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  try {
    // Bytes, not a string: fetch adds no content type of its own, so "no content type" is really none.
    const body = request.body === undefined ? undefined : new TextEncoder().encode(request.body);
    const response = await fetch(`${baseUrl}${request.target}`, { method: request.method, headers: { ...auth, ...request.headers }, body, signal: controller.signal });
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, text: '(event stream)' };
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text: text.slice(0, 2_000), json };
  } catch (error) {
    return { status: 0, text: `no answer: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
