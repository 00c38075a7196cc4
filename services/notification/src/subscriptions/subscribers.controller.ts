import { Body, Controller, Headers, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OwnAuthentication, type ApiPrincipal } from '@hashdesk/platform';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { ApiKeyGuard, CurrentSubscriber } from './api-key.guard';
import { CreateSubscriberRequestDto } from './dto/create-subscriber.request.dto';
import { assertAdmin } from './admin-token';
import { SubscriptionsRepository, type Subscriber } from './subscriptions.repository';

@ApiTags('subscribers')
@OwnAuthentication()
@Controller('v1/subscribers')
export class SubscribersController {
  constructor(
    private readonly repository: SubscriptionsRepository,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a subscriber; the API key is shown only in this response' })
  @ApiSecurity('api-key')
  @ApiSecurity('admin-token')
  @ApiCreatedResponse({ description: '{ id, name, createdAt, apiKey }' })
  async create(@Body() body: CreateSubscriberRequestDto, @Headers('x-admin-token') adminToken?: string, @CurrentPrincipal() principal?: ApiPrincipal) {
    assertAdmin(this.config, adminToken, 'creating a subscriber', principal, 'notification:subscribe');
    const { subscriber, apiKey } = await this.repository.createSubscriber(body.name);
    return { ...subscriber, apiKey };
  }

  @Post('me/api-key/rotate')
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Replace the caller\'s API key; the old one stops working at once' })
  async rotateApiKey(@CurrentSubscriber() subscriber: Subscriber) {
    return { id: subscriber.id, apiKey: await this.repository.rotateApiKey(subscriber.id) };
  }
}
