import { z } from 'zod';
import type { Hz, Milliseconds } from '../../core/units.js';
import { DISPLAY_PATTERN, HOP_RATE, MAX_LATENCY_MS, MAX_PING_ID_CHARS, MAX_TOKEN_CHARS, MIN_RATE } from './protocol.js';

/** Clock probe: the server answers with a pong carrying t0 back and its own receive/send times. */
export interface PingMessage {
  type: 'ping';
  id: string | number;
  t0: Milliseconds;
}

/** Replaces the client's subscription: absent rate means every hop. */
export interface SubscribeMessage {
  type: 'subscribe';
  rate?: Hz;
  display?: string;
  latency_ms?: Milliseconds;
}

/** Makes this connection a controller when the token (PIN) is right. */
export interface AuthMessage {
  type: 'auth';
  token: string;
}

/** A control command for the one command handler; answered with an `ack` carrying the same id. */
export interface CommandMessage {
  type: 'command';
  id: string | number;
  command: Record<string, unknown>;
}

export type ClientMessage = PingMessage | SubscribeMessage | AuthMessage | CommandMessage;
export type ClientErrorCode = 'too_large' | 'bad_json' | 'not_object' | 'unknown_type' | 'bad_field';
export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; code: ClientErrorCode; error: string };

const pingSchema = z.strictObject({
  type: z.literal('ping'),
  id: z.union([z.string().max(MAX_PING_ID_CHARS), z.number()]),
  t0: z.number(),
});

const subscribeSchema = z.strictObject({
  type: z.literal('subscribe'),
  rate: z.number().min(MIN_RATE).max(HOP_RATE).optional(),
  display: z.string().regex(DISPLAY_PATTERN).optional(),
  latency_ms: z.number().min(0).max(MAX_LATENCY_MS).optional(),
});

const authSchema = z.strictObject({
  type: z.literal('auth'),
  token: z.string().min(1).max(MAX_TOKEN_CHARS),
});

// The command itself is checked by the command handler, which names the field; here only its shape.
const commandSchema = z.strictObject({
  type: z.literal('command'),
  id: z.union([z.string().max(MAX_PING_ID_CHARS), z.number()]),
  command: z.record(z.string(), z.unknown()),
});

// What each field accepts, in words, for error messages a person can act on.
const RULES = {
  ping: {
    schema: pingSchema,
    fields: {
      type: '"ping"',
      id: `a string of at most ${MAX_PING_ID_CHARS} characters or a number`,
      t0: 'a number (the client clock in ms)',
    },
  },
  subscribe: {
    schema: subscribeSchema,
    fields: {
      type: '"subscribe"',
      rate: `a number of Hz from ${MIN_RATE} to ${HOP_RATE} (omit it for every hop)`,
      display: '1 to 64 characters from A-Z a-z 0-9 space _ . -',
      latency_ms: `a number of ms from 0 to ${MAX_LATENCY_MS}`,
    },
  },
  auth: {
    schema: authSchema,
    fields: {
      type: '"auth"',
      token: `the control token (PIN), 1 to ${MAX_TOKEN_CHARS} characters`,
    },
  },
  command: {
    schema: commandSchema,
    fields: {
      type: '"command"',
      id: `a string of at most ${MAX_PING_ID_CHARS} characters or a number, echoed in the ack`,
      command: 'an object such as {"type":"tap"} or {"type":"scene","set":{"palette":"neon"}}',
    },
  },
} as const;

type MessageType = keyof typeof RULES;
const TYPES = Object.keys(RULES) as MessageType[];

function isMessageType(value: string): value is MessageType {
  return Object.hasOwn(RULES, value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function fail(code: ClientErrorCode, error: string): ParseResult {
  return { ok: false, code, error };
}

/** Validate one client frame. Pure: no sockets, so every error path is testable with plain strings. */
export function parseClientMessage(data: Buffer | string, limitBytes: number): ParseResult {
  if (!Number.isInteger(limitBytes) || limitBytes <= 0) {
    throw new Error(`parseClientMessage: limitBytes must be a positive integer, got ${String(limitBytes)}`);
  }
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > limitBytes) {
    return fail('too_large', `message is ${size} bytes; client messages are limited to ${limitBytes} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch (err) {
    return fail('bad_json', `message is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('not_object', `message must be a JSON object with a "type" field, got ${kindOf(parsed)}`);
  }
  const record = parsed as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string') {
    return fail('bad_field', `field "type" must be a string, one of: ${TYPES.join(', ')}; got ${describe(type)}`);
  }
  if (!isMessageType(type)) {
    return fail('unknown_type', `unknown message type ${describe(type)}; expected one of: ${TYPES.join(', ')}`);
  }
  const rules = RULES[type];
  const result = rules.schema.safeParse(record);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const allowed = Object.keys(rules.fields).join(', ');
  if (issue?.code === 'unrecognized_keys') {
    return fail('bad_field', `${type}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed fields: ${allowed}`);
  }
  const field = String(issue?.path[0] ?? 'message');
  const rule = Object.hasOwn(rules.fields, field) ? (rules.fields as Record<string, string>)[field] : undefined;
  return fail('bad_field', `${type}.${field} must be ${rule ?? 'valid'}, got ${describe(record[field])}`);
}
