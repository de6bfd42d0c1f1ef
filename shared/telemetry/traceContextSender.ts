// Messages sent inside a span carry it as `Diagnostic-Id` (W3C traceparent), the application property the
// Service Bus SDK and the Functions host's Service Bus trigger read: the receiving invocation continues the trace.
import type { MessageSender } from '../ports/MessageSender';
import { activeTraceParent } from './tracing';

export const DIAGNOSTIC_ID_PROPERTY = 'Diagnostic-Id';

export function withTraceContext(sender: MessageSender): MessageSender {
  return {
    send: (entity, messages) => {
      const traceParent = activeTraceParent();
      return sender.send(
        entity,
        traceParent === undefined
          ? messages
          : messages.map((m) => ({
              ...m,
              applicationProperties: { ...m.applicationProperties, [DIAGNOSTIC_ID_PROPERTY]: traceParent },
            })),
      );
    },
    close: () => sender.close(),
  };
}
