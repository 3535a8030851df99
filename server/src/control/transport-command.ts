/** MIDI transport for followers (drum machines, lighting desks): Start on the next downbeat, Stop, Continue. */
export const TRANSPORT_ACTIONS = ['start', 'stop', 'continue'] as const;
export type TransportAction = (typeof TRANSPORT_ACTIONS)[number];

export interface TransportCommand {
  type: 'transport';
  action: TransportAction;
}

/** Validates a transport command; throws naming the field and what is allowed. */
export function parseTransportCommand(value: unknown): TransportCommand {
  if (typeof value !== 'object' || value === null) throw new Error(`transport command must be an object, got ${JSON.stringify(value)}`);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => k !== 'type' && k !== 'action');
  if (keys.length > 0) throw new Error(`transport: unknown field ${keys.map((k) => JSON.stringify(k)).join(', ')}; allowed fields: type, action`);
  const action = record.action;
  if (typeof action !== 'string' || !(TRANSPORT_ACTIONS as readonly string[]).includes(action)) {
    throw new Error(`transport.action ${JSON.stringify(action)} is not allowed; expected ${TRANSPORT_ACTIONS.join(', ')}`);
  }
  return { type: 'transport', action: action as TransportAction };
}
