// Port: sends messages to a named queue or topic (Service Bus in Azure, the embedded queue locally).

export interface OutboundMessage {
  /** Deterministic id; the transport drops a repeat of the same id within its duplicate-detection window. */
  readonly messageId: string;
  /** Sent as JSON text. */
  readonly body: unknown;
  /** What the JSON is, for receivers: `application/json` unless said (e.g. `application/cloudevents+json`). */
  readonly contentType?: string;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly applicationProperties?: Readonly<Record<string, string | number | boolean>>;
}

export interface MessageSender {
  /**
   * Resolves only once every message is durably accepted by the transport. All-or-nothing is not
   * promised: on failure some messages may have been accepted, so callers retry the whole list and
   * rely on `messageId` duplicate detection.
   */
  send(entity: string, messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}
