import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleEnv } from '../config/console.config';

/**
 * The notification subscriber key the console reads its SSE stream and delivery log with. Given
 * (CONSOLE_SUBSCRIBER_API_KEY), else kept in a file, else registered on first use with the operator
 * token: a subscriber "console" with one SSE subscription to every alert.
 */
@Injectable()
export class SubscriberKeyService {
  private readonly logger = new Logger('SubscriberKey');
  private pending?: Promise<string | undefined>;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleEnv) {}

  key(): Promise<string | undefined> {
    if (this.config.CONSOLE_SUBSCRIBER_API_KEY) return Promise.resolve(this.config.CONSOLE_SUBSCRIBER_API_KEY);
    // One attempt at a time; a failed attempt is forgotten so the next request retries.
    this.pending ??= this.resolveKey().catch((error: Error) => {
      this.logger.warn(`no subscriber key: ${error.message}`);
      this.pending = undefined;
      return undefined;
    });
    return this.pending;
  }

  /** The stored key stopped working (a new notification database): register again. */
  forget(): void {
    if (!this.config.CONSOLE_SUBSCRIBER_API_KEY) this.pending = undefined;
    this.stored = undefined;
  }

  private stored?: string;

  private async resolveKey(): Promise<string | undefined> {
    const fromFile = this.stored ?? this.readStored();
    if (fromFile && (await this.works(fromFile))) return fromFile;
    if (!this.config.NOTIFICATION_ADMIN_TOKEN) return this.config.CONSOLE_API_KEY;
    const key = await this.register();
    mkdirSync(dirname(this.config.CONSOLE_SUBSCRIBER_KEY_FILE), { recursive: true });
    writeFileSync(this.config.CONSOLE_SUBSCRIBER_KEY_FILE, key, { mode: 0o600 });
    chmodSync(this.config.CONSOLE_SUBSCRIBER_KEY_FILE, 0o600);
    this.stored = key;
    this.logger.log(`registered the console's notification subscriber (key in ${this.config.CONSOLE_SUBSCRIBER_KEY_FILE})`);
    return key;
  }

  private readStored(): string | undefined {
    try {
      return readFileSync(this.config.CONSOLE_SUBSCRIBER_KEY_FILE, 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async works(key: string): Promise<boolean> {
    const response = await fetch(`${this.config.CONSOLE_NOTIFICATION_URL}/v1/deliveries?limit=1`, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(5_000) });
    return response.ok;
  }

  private async register(): Promise<string> {
    const base = this.config.CONSOLE_NOTIFICATION_URL;
    const subscriber = await this.post(`${base}/v1/subscribers`, { name: 'console' }, { 'x-admin-token': this.config.NOTIFICATION_ADMIN_TOKEN! });
    const apiKey = String(subscriber.apiKey);
    await this.post(`${base}/v1/subscriptions`, { name: 'console live feed', channel: 'sse', eventTypes: ['hashdesk.v1.AlertRaised'] }, { 'x-api-key': apiKey });
    return apiKey;
  }

  private async post(url: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }
}
