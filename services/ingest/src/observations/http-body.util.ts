import type { IncomingMessage } from 'node:http';
import { ObservationException, ObservationExceptionCode } from './observation.exception';

/** Reads a body the JSON parser left alone (NDJSON, CSV), refusing more than maxBytes. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  // A declared length over the limit is refused before a byte is read; an undeclared one is cut at the limit.
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    throw new ObservationException(ObservationExceptionCode.BATCH_TOO_LARGE, `the body may be at most ${maxBytes} bytes (content-length ${declared})`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new ObservationException(ObservationExceptionCode.BATCH_TOO_LARGE, `the body may be at most ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
