/**
 * Headers every Causeway message carries beside its JSON body, so tools (and the relay reading
 * the stream's tail) can route and trace it without parsing the body. `Nats-Msg-Id` (the message
 * id) is set by the client from `msgID`.
 */
export const CausewayHeaders = {
  MessageType: 'Causeway-Type',
  StreamId: 'Causeway-Stream-Id',
  Version: 'Causeway-Version',
  Position: 'Causeway-Position',
  CorrelationId: 'Causeway-Correlation-Id',
  CausationId: 'Causeway-Causation-Id',
  /** W3C trace context, under its standard name. */
  Traceparent: 'traceparent',
} as const;

export const MSG_ID_HEADER = 'Nats-Msg-Id';
