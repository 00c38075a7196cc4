/** Valuation's figure ids: derived from the methodology and the inputs (see derivedEventId). */
export { derivedEventId as derivedId } from '@hashdesk/messaging';
