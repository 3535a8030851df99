import type { SlowState } from '../../core/state/slow-state.js';
import type { Milliseconds } from '../../core/units.js';
import { RateGate } from '../ws/rate-gate.js';
import { BeatScheduler, type OneShotTimers } from './beat-scheduler.js';
import { encodeBundle, encodeMessage, float, NTP_IMMEDIATELY, wallToNtp, type NtpTime, type OscMessage } from './osc-message.js';
import type { OscTarget } from './osc-target.js';
import type { OscProfile } from './profile.js';
import { genericProfile } from './profile-generic.js';
import { resolumeProfile } from './profile-resolume.js';
import { touchDesignerProfile } from './profile-touchdesigner.js';

/** A target's counters as /api/status shows them. */
export interface OscTargetStatus {
  id: string;
  host: string;
  port: number;
  profile: OscTarget['profile'];
  enabled: boolean;
  /** Datagrams handed to the socket. */
  sent: number;
  beats: number;
  stale_beats: number;
  errors: number;
  last_error: string | null;
}

/** Where a runner's datagrams go; a UdpSender in the daemon, a recorder in tests. */
export interface DatagramSink {
  send(bytes: Uint8Array): boolean;
  close(): void;
}

export function profileFor(target: OscTarget): OscProfile {
  switch (target.profile) {
    case 'generic':
      return genericProfile;
    case 'touchdesigner':
      return touchDesignerProfile;
    case 'resolume':
      return resolumeProfile({ mappings: target.mappings, resyncEveryBars: target.resyncEveryBars });
  }
}

/** One target: rate gate, pulses, beat scheduler and its datagram sink. */
export class OscTargetRunner {
  readonly target: OscTarget;
  readonly #profile: OscProfile;
  readonly #gate: RateGate;
  readonly #scheduler: BeatScheduler;
  readonly #sink: DatagramSink;
  readonly #now: () => Milliseconds;
  /** Pulse addresses waiting for their 0, with when they were sent. */
  readonly #pulses = new Map<string, Milliseconds>();
  #prev: SlowState | undefined;
  #sent = 0;
  errors = 0;
  lastError: string | null = null;

  constructor(target: OscTarget, sink: DatagramSink, now: () => Milliseconds, timers: OneShotTimers) {
    this.target = target;
    this.#profile = profileFor(target);
    this.#gate = new RateGate(target.rateHz);
    this.#sink = sink;
    this.#now = now;
    this.#scheduler = new BeatScheduler({
      latencyMs: target.latencyMs,
      now,
      timers,
      onBeat: (beat, sendAt) => {
        this.#send(this.#profile.beat(beat), wallToNtp(sendAt));
      },
    });
  }

  onState(state: SlowState): void {
    const out = this.#profile.changes(state, this.#prev);
    if (this.#gate.take(state.hop)) out.push(...this.#dueResets(), ...this.#profile.continuous(state));
    this.#send(out, NTP_IMMEDIATELY);
    this.#scheduler.update(state.beat, state.wall);
    this.#prev = state;
  }

  status(): OscTargetStatus {
    const t = this.target;
    return {
      id: t.id,
      host: t.host,
      port: t.port,
      profile: t.profile,
      enabled: t.enabled,
      sent: this.#sent,
      beats: this.#scheduler.sent,
      stale_beats: this.#scheduler.stale,
      errors: this.errors,
      last_error: this.lastError,
    };
  }

  close(): void {
    this.#scheduler.close();
    this.#sink.close();
  }

  /**
   * The 0 of a pulse goes out with the next continuous update, or the one after when the next comes within half
   * an update interval of the pulse, so a receiver sampling at the target rate sees the 1.
   */
  #dueResets(): OscMessage[] {
    const hold = 500 / this.target.rateHz;
    const now = this.#now();
    const out: OscMessage[] = [];
    for (const [address, at] of this.#pulses) {
      if (now - at < hold) continue;
      out.push({ address, args: [float(0)] });
      this.#pulses.delete(address);
    }
    return out;
  }

  #send(messages: OscMessage[], timeTag: NtpTime): void {
    if (messages.length === 0) return;
    const now = this.#now();
    for (const m of messages) if (m.pulse) this.#pulses.set(m.address, now);
    const packets = this.target.bundles ? [encodeBundle(messages, timeTag)] : messages.map(encodeMessage);
    for (const bytes of packets) if (this.#sink.send(bytes)) this.#sent++;
  }
}
