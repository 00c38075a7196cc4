import { DeliveryEntity } from '../deliveries/delivery.entity';
import { Deliveries1732400000400 } from './1732400000400-deliveries.migration';

export const notificationEntities = [DeliveryEntity];
export const notificationMigrations = [Deliveries1732400000400];
