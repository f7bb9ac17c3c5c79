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
  /**
   * Epoch ms before which the message must not be sent: it is queued now as a delayed job that becomes
   * available at that instant (pre-staging: the enqueue cost is paid ahead of time).
   */
  notBefore?: number;
  /** Checked by the outbox worker right before sending: when it does not hold, the message is dropped. */
  onlyIf?: OutboxCondition;
  /**
   * Buttons offered with the message where the channel can show them (e.g. 签到 / 请假 on a reminder); a click comes
   * back as the key typed by the member. Channels without buttons send the text alone.
   */
  actions?: OutboxAction[];
  /** Render the text again right before sending (`text` is the fallback when no renderer answers). */
  render?: OutboxRender;
}

export interface OutboxAction {
  /** The text a click stands for (e.g. "签到"). */
  key: string;
  label: string;
}

/** What a channel may use beyond the text: the message key (idempotent sends) and its buttons. */
export interface SendExtras {
  key: string;
  actions?: OutboxAction[];
}

/**
 * Names a renderer registered with the outbox worker by the domain that owns the message (jobs/ knows no
 * domain): e.g. { kind: 'meeting-reminder', args: { meetingId, offset, audience } } renders a pre-staged
 * reminder from the meeting as it is at send time.
 */
export interface OutboxRender {
  kind: string;
  args: Record<string, string | number>;
}

/** Returns the text to send now, or undefined to send the text rendered when the message was queued. */
export type OutboxRenderer = (args: Record<string, string | number>) => Promise<string | undefined>;

/** The JSON record stored at `key` exists and has these top-level field values. */
export interface OutboxCondition {
  key: string;
  fields: Record<string, string | number>;
  /**
   * A sorted set in which the outbox registers the job (score: until when) BEFORE it reads the record, and which
   * it leaves after the send. Whoever changes the record writes it first, then waits until this set holds no live
   * entry: either the outbox read the new record (and drops the message) or its send has finished. So nothing
   * is sent after the change is acknowledged (e.g. a cancelled meeting's reminder).
   */
  fence?: string;
}

export interface Outbox {
  /** Queue one message (split into ordered parts if long). Resolves once it is durably queued. */
  enqueue(msg: OutboxMessage): Promise<void>;
  enqueueMany(msgs: OutboxMessage[]): Promise<void>;
  /** Removes a message that is queued but not started (e.g. pre-staged); false if absent, running or done. */
  withdraw(key: string): Promise<boolean>;
}

/** Implemented by each channel in bot/channels/; throws on failure. */
export interface Sender {
  /** Mentions of ids the room does not contain are dropped, never a reason to fail the message. */
  send(to: OutboxTarget, text: string, mentionIds: string[], extras?: SendExtras): Promise<void>;
  /** How a target is shown to admins (群“第一党支部”, a contact's name): never a raw id. */
  describe?(to: OutboxTarget): Promise<string | undefined>;
}

/** Thrown by a Sender when the platform says we are sending too fast (e.g. 操作过于频繁). */
export class RateLimitedError extends Error {
  constructor(message = 'rate limited by the platform') {
    super(message);
    this.name = 'RateLimitedError';
  }
}
