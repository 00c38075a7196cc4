import { DeliveryEntity } from '../deliveries/delivery.entity';
import { Deliveries1732400000400 } from './1732400000400-deliveries.migration';
import { Subscriptions1732400000410 } from './1732400000410-subscriptions.migration';
import { InboundEvents1732400000420 } from './1732400000420-inbound-events.migration';
import { EmailChannel1732400000430 } from './1732400000430-email-channel.migration';
import { UnroutableEvents1732400000440 } from './1732400000440-unroutable-events.migration';

export const notificationEntities = [DeliveryEntity];
export const notificationMigrations = [Deliveries1732400000400, Subscriptions1732400000410, InboundEvents1732400000420, EmailChannel1732400000430, UnroutableEvents1732400000440];
