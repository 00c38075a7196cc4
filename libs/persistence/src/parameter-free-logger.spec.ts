import { ParameterFreeLogger } from './parameter-free-logger';

describe('ParameterFreeLogger', () => {
  it('given a failed insert whose parameters hold a signing secret, when logged, then the error and query are logged and the parameters are not', () => {
    const lines: string[] = [];
    const logger = new ParameterFreeLogger((line) => lines.push(line));
    logger.logQueryError(new Error('invalid byte sequence for encoding "UTF8": 0x00'), 'INSERT INTO subscription (name, secret) VALUES ($1, $2)');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('invalid byte sequence');
    expect(lines[0]).toContain('INSERT INTO subscription');
    expect(lines[0]).not.toContain('whsec_');
    // TypeORM passes the parameters as a third argument; this logger has no place to print them.
    (logger.logQueryError as (e: Error, q: string, p: unknown[]) => void)(new Error('boom'), 'SELECT $1', ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']);
    expect(lines.join('\n')).not.toContain('whsec_');
  });
});
