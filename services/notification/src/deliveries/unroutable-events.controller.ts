import { Controller, Get, Headers, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal, DATA_SOURCE, OwnAuthentication, type ApiPrincipal } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { assertAdmin } from '../subscriptions/admin-token';
import { SubscriptionExceptionFilter } from '../subscriptions/subscription-exception.filter';
import { EventRouter } from './event-router.worker';

/** The operator's view of events the router set aside (they belong to no subscriber yet). */
@ApiTags('admin')
@Controller('v1/admin/unroutable-events')
@UseFilters(SubscriptionExceptionFilter)
@OwnAuthentication()
@ApiSecurity('api-key')
@ApiSecurity('admin-token')
export class UnroutableEventsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
    private readonly router: EventRouter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Accepted events that could not be routed, with the error, oldest first' })
  @ApiOkResponse({ description: '{items[{eventId, eventType, subject, eventTime, error, failedAt}]}' })
  async list(@Headers('x-admin-token') adminToken?: string, @CurrentPrincipal() principal?: ApiPrincipal) {
    assertAdmin(this.config, adminToken, 'reading unroutable events', principal);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      'SELECT event_id, event_type, subject, event_time, error, failed_at FROM unroutable_event ORDER BY id');
    return { items: rows.map((r) => ({ eventId: r.event_id, eventType: r.event_type, subject: r.subject, eventTime: r.event_time, error: r.error, failedAt: r.failed_at })) };
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put every set-aside event back in front of the router (after the cause is fixed)' })
  @ApiOkResponse({ description: '{replayed}' })
  async replay(@Headers('x-admin-token') adminToken?: string, @CurrentPrincipal() principal?: ApiPrincipal) {
    assertAdmin(this.config, adminToken, 'replaying unroutable events', principal);
    const moved: unknown[] = await this.dataSource.query(
      `WITH aside AS (DELETE FROM unroutable_event RETURNING *)
       INSERT INTO inbound_event (event_id, event_type, subject, severity, event_time, metrics, traceparent, data, received_at)
       SELECT event_id, event_type, subject, severity, event_time, metrics, traceparent, data, received_at FROM aside ORDER BY id RETURNING id`);
    this.router.kick();
    return { replayed: moved.length };
  }
}
