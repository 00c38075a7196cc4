/** The little the messaging code needs from a logger (pino satisfies it). */
export interface LoggerPort {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const ignore = (): void => undefined;
export const silentLogger: LoggerPort = { info: ignore, warn: ignore, error: ignore, debug: ignore };
