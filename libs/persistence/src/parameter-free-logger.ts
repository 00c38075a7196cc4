import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query's parameters, and those can be secrets (a new webhook
 * signing secret, an API key hash). This one logs errors and migrations only, never the parameters.
 */
export class ParameterFreeLogger implements TypeOrmLogger {
  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  logQuery(): void {
    // Queries are not logged (no 'query' level).
  }

  logQueryError(error: string | Error, query: string): void {
    this.write(`typeorm: query failed: ${typeof error === 'string' ? error : error.message} -- ${query.slice(0, 500)} -- parameters withheld`);
  }

  logQuerySlow(time: number, query: string): void {
    this.write(`typeorm: slow query (${time} ms): ${query.slice(0, 500)} -- parameters withheld`);
  }

  logSchemaBuild(): void {
    // Never used: schemas change only through migrations.
  }

  logMigration(message: string): void {
    this.write(`typeorm: ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.write(`typeorm: ${String(message)}`);
  }
}
