import { Body, Controller, Headers, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NOTIFICATION_CONFIG } from '../config/notification-config.token';
import type { NotificationEnv } from '../config/notification.config';
import { ApiKeyGuard, CurrentSubscriber } from './api-key.guard';
import { CreateSubscriberRequestDto } from './dto/create-subscriber.request.dto';
import { assertAdmin } from './admin-token';
import { SubscriptionsRepository, type Subscriber } from './subscriptions.repository';

@ApiTags('subscribers')
@Controller('v1/subscribers')
export class SubscribersController {
  constructor(
    private readonly repository: SubscriptionsRepository,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationEnv,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a subscriber; the API key is shown only in this response' })
  @ApiHeader({ name: 'x-admin-token', required: false, description: 'required when NOTIFICATION_ADMIN_TOKEN is set' })
  @ApiCreatedResponse({ description: '{ id, name, createdAt, apiKey }' })
  async create(@Body() body: CreateSubscriberRequestDto, @Headers('x-admin-token') adminToken?: string) {
    assertAdmin(this.config, adminToken, 'creating a subscriber');
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
