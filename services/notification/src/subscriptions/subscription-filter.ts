import type { NotificationEvent } from '../events/notification-event';

/** Empty lists match everything; otherwise the event's type, subject and severity must each be listed. */
export interface SubscriptionFilter {
  eventTypes: string[];
  subjects: string[];
  severities: string[];
}

export function matchesFilter(filter: SubscriptionFilter, event: Pick<NotificationEvent, 'type' | 'subject' | 'severity'>): boolean {
  if (filter.eventTypes.length > 0 && !filter.eventTypes.includes(event.type)) return false;
  if (filter.subjects.length > 0 && !filter.subjects.includes(event.subject)) return false;
  if (filter.severities.length > 0 && (!event.severity || !filter.severities.includes(event.severity))) return false;
  return true;
}
