import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from './logger';

/** A logger that writes into an array, with the service's options (redaction included). */
function capture(): { logger: pino.Logger; lines: () => string[] } {
  const out: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { out.push(String(chunk)); done(); } });
  return { logger: pino(loggerOptions('test', 'info'), stream), lines: () => out };
}

describe('log redaction', () => {
  it('given a request with an admin token, an API key, a bearer and a cookie, when logged, then none of them reaches the log', () => {
    const { logger, lines } = capture();
    logger.info({ req: { headers: { 'x-admin-token': 'adm-SECRET-1', 'x-api-key': 'key-SECRET-2', authorization: 'Bearer SECRET-3', cookie: 'sid=SECRET-4', accept: 'application/json' } } }, 'request');
    const text = lines().join('');
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('application/json');
  });

  it('given an object carrying a signing secret or token one or two levels deep, when logged, then it is censored', () => {
    const { logger, lines } = capture();
    logger.info({ subscription: { name: 'desk', signingSecret: 'whsec_SECRET' }, channel: { config: { token: 'SECRET' } } }, 'created');
    const text = lines().join('');
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('desk');
  });
});
