import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { badRequest, OwnAuthentication, refuseNulls, UuidParamPipe } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { ApiKeyGuard, CurrentSubscriber } from './api-key.guard';
import { toSubscriptionRule } from './dto/subscription-rule.dto';
import { CreateSubscriptionRequestDto, UpdateSubscriptionRequestDto } from './dto/subscription.request.dto';
import { SsrfGuard } from './ssrf-guard';
import { SubscriptionException, SubscriptionExceptionCode } from './subscription.exception';
import { toSubscriptionView, type SubscriptionInput } from './subscription.model';
import { SubscriptionsRepository, type Subscriber } from './subscriptions.repository';
import { SubscriberTopics } from './subscriber-topics.service';

const uuid = new UuidParamPipe();

@ApiTags('subscriptions')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@OwnAuthentication() // subscriber keys, judged by ApiKeyGuard
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly ssrf: SsrfGuard,
    private readonly topics: SubscriberTopics,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller\'s subscriptions' })
  async list(@CurrentSubscriber() subscriber: Subscriber) {
    return (await this.repository.list(subscriber.id)).map(toSubscriptionView);
  }

  @Post()
  @ApiOperation({ summary: 'Subscribe; a webhook\'s signing secret is shown only in this response' })
  async create(@CurrentSubscriber() subscriber: Subscriber, @Body() body: CreateSubscriptionRequestDto) {
    const input = await this.toInput(body);
    if ((input.channel === 'webhook' || input.channel === 'slack') && !input.url) {
      throw new SubscriptionException(SubscriptionExceptionCode.URL_REQUIRED, `a ${input.channel} subscription needs a url`, 'url');
    }
    if (input.channel === 'email' && !input.email) throw new SubscriptionException(SubscriptionExceptionCode.EMAIL_REQUIRED, 'an email subscription needs an email address', 'email');
    if (input.channel === 'email' && !this.config.NOTIFICATION_SMTP_URL) {
      throw new SubscriptionException(SubscriptionExceptionCode.EMAIL_NOT_CONFIGURED, 'email is not configured on this server (NOTIFICATION_SMTP_URL)', 'channel');
    }
    if (input.channel === 'kafka') await this.topics.ensure(subscriber.id);
    const row = await this.repository.create(subscriber.id, input);
    return { ...toSubscriptionView(row), secret: row.secret, kafkaTopic: row.channel === 'kafka' ? this.topics.topicOf(subscriber.id) : undefined };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller\'s subscriptions (404 for anyone else\'s)' })
  async get(@CurrentSubscriber() subscriber: Subscriber, @Param('id', uuid) id: string) {
    return toSubscriptionView(await this.repository.get(subscriber.id, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change filter, rule, cooldown, digest, url; enabled=true re-enables a disabled endpoint' })
  async update(@CurrentSubscriber() subscriber: Subscriber, @Param('id', uuid) id: string, @Body() body: UpdateSubscriptionRequestDto) {
    refuseNulls(body);
    if (body.channel !== undefined) throw badRequest([{ field: 'channel', rule: 'immutable', message: 'cannot be changed; create a new subscription' }]);
    const input = await this.toInput({ ...body, channel: 'webhook' });
    const patch: Partial<SubscriptionInput> = { ...input, channel: undefined, enabled: body.enabled };
    return toSubscriptionView(await this.repository.update(subscriber.id, id, patch));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe; its pending deliveries are dropped' })
  async remove(@CurrentSubscriber() subscriber: Subscriber, @Param('id', uuid) id: string): Promise<void> {
    await this.repository.remove(subscriber.id, id);
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'New signing secret; the old one also signs (a second v1 signature) until the overlap ends' })
  async rotateSecret(@CurrentSubscriber() subscriber: Subscriber, @Param('id', uuid) id: string) {
    return this.repository.rotateSecret(subscriber.id, id, this.config.NOTIFICATION_SECRET_OVERLAP_SECONDS);
  }

  private async toInput(body: Partial<CreateSubscriptionRequestDto> & Pick<CreateSubscriptionRequestDto, 'channel'>): Promise<SubscriptionInput> {
    if (body.url !== undefined) {
      const refused = await this.ssrf.check(body.url);
      if (refused) throw new SubscriptionException(SubscriptionExceptionCode.URL_NOT_ALLOWED, refused, 'url');
    }
    return {
      name: body.name,
      channel: body.channel,
      url: body.url,
      email: body.email,
      eventTypes: body.eventTypes,
      tickers: body.tickers,
      severities: body.severities,
      rule: body.rule === undefined ? undefined : toSubscriptionRule(body.rule),
      cooldownSeconds: body.cooldownSeconds,
      digestIntervalSeconds: body.digestIntervalSeconds,
    };
  }
}
