/**
 * Maps logical topic and group names to physical ones. An empty prefix in production; tests and
 * benchmarks get their own prefix so that runs on one broker never see each other's events.
 */
export class TopicNamespace {
  constructor(readonly prefix = '') {}

  topic(logicalName: string): string {
    return `${this.prefix}${logicalName}`;
  }

  group(serviceName: string): string {
    return `${this.prefix}${serviceName}`;
  }

  logical(physicalName: string): string {
    return this.prefix && physicalName.startsWith(this.prefix) ? physicalName.slice(this.prefix.length) : physicalName;
  }
}
