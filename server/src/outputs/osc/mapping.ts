import { isSignalName, SIGNAL_NAMES_HELP } from './signals.js';

export const CURVES = ['linear', 'exp', 'log', 'smoothstep'] as const;
export type Curve = (typeof CURVES)[number];

/** Maps one signal onto one OSC address: [inMin, inMax] -> [outMin, outMax] through a curve, sent as a float. */
export interface OscMapping {
  signal: string;
  address: string;
  inMin: number;
  inMax: number;
  outMin: number;
  outMax: number;
  curve: Curve;
}

const K = 3;
const EXP_K = Math.exp(K) - 1;

/** Curves on [0, 1] -> [0, 1]; exp and log are exact inverses of each other (steepness e^3). */
export function applyCurve(curve: Curve, x: number): number {
  switch (curve) {
    case 'linear':
      return x;
    case 'exp':
      return (Math.exp(K * x) - 1) / EXP_K;
    case 'log':
      return Math.log(1 + EXP_K * x) / K;
    case 'smoothstep':
      return x * x * (3 - 2 * x);
  }
}

/** The mapped output value; inputs outside [inMin, inMax] are clamped. */
export function applyMapping(mapping: OscMapping, value: number): number {
  const raw = (value - mapping.inMin) / (mapping.inMax - mapping.inMin);
  const x = Math.min(1, Math.max(0, raw));
  return mapping.outMin + applyCurve(mapping.curve, x) * (mapping.outMax - mapping.outMin);
}

function finite(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}.${field} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

/** Validates one mapping; `where` names it in errors (e.g. `targets[1].mappings[0]`). */
export function validateMapping(value: unknown, where: string): OscMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  const m = value as Record<string, unknown>;
  const allowed = ['signal', 'address', 'inMin', 'inMax', 'outMin', 'outMax', 'curve'];
  for (const key of Object.keys(m)) if (!allowed.includes(key)) throw new Error(`${where}.${key} is not a mapping field (allowed: ${allowed.join(', ')})`);
  const signal = m.signal;
  if (typeof signal !== 'string' || !isSignalName(signal)) throw new Error(`${where}.signal ${JSON.stringify(signal)} is not a signal; allowed: ${SIGNAL_NAMES_HELP}`);
  const address = m.address;
  if (typeof address !== 'string' || !/^\/[!-~]*$/.test(address) || /[ #*,?[\]{}]/.test(address)) {
    throw new Error(`${where}.address ${JSON.stringify(address)} must be an OSC address: '/' then printable characters without space # * , ? [ ] { }`);
  }
  const inMin = finite(where, 'inMin', m.inMin ?? 0);
  const inMax = finite(where, 'inMax', m.inMax ?? 1);
  if (inMin === inMax) throw new Error(`${where}.inMin and inMax must differ, both are ${String(inMin)}`);
  const curve = m.curve ?? 'linear';
  if (typeof curve !== 'string' || !(CURVES as readonly string[]).includes(curve)) throw new Error(`${where}.curve ${JSON.stringify(curve)} is not one of ${CURVES.join(', ')}`);
  return { signal, address, inMin, inMax, outMin: finite(where, 'outMin', m.outMin ?? 0), outMax: finite(where, 'outMax', m.outMax ?? 1), curve: curve as Curve };
}
