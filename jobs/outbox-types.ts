// The outbox is the only way anything leaves zhibu. Its worker (in the bot process) is the only caller of say().

export interface OutboxTarget {
  roomId?: string;
  contactId?: string;
}

export interface OutboxMessage {
  to: OutboxTarget;
  text: string;
  /** Contacts to @-mention in a room message. */
  mentionIds?: string[];
  /**
   * Deterministic id: enqueueing the same key twice sends once (e.g. "reply:{msgId}",
   * "meeting:7:remind:3600000:room", "broadcast:3:{roomId}").
   */
  key: string;
  /** Free-form tag for reports (e.g. "broadcast:3"). */
  tag?: string;
}

export interface Outbox {
  /** Queue one message (split into ordered parts if long). Resolves once it is durably queued. */
  enqueue(msg: OutboxMessage): Promise<void>;
  enqueueMany(msgs: OutboxMessage[]): Promise<void>;
}

/** Implemented by bot/ over Wechaty; throws on failure. */
export interface Sender {
  send(to: OutboxTarget, text: string, mentionIds: string[]): Promise<void>;
}

/** Thrown by a Sender when the platform says we are sending too fast (e.g. 操作过于频繁). */
export class RateLimitedError extends Error {
  constructor(message = 'rate limited by the platform') {
    super(message);
    this.name = 'RateLimitedError';
  }
}
