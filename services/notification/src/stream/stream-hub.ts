import { Injectable } from '@nestjs/common';

export interface StreamMessage {
  id: string;
  event: string;
  data: string;
}

type Listener = (message: StreamMessage) => void;

/** In-process fan-out of "sse" deliveries to the subscriber's open streams. */
@Injectable()
export class StreamHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(subscriberId: string, listener: Listener): () => void {
    const set = this.listeners.get(subscriberId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(subscriberId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(subscriberId);
    };
  }

  publish(subscriberId: string, message: StreamMessage): number {
    const set = this.listeners.get(subscriberId);
    set?.forEach((listener) => listener(message));
    return set?.size ?? 0;
  }
}
