import type { StateBus } from '../../bus/state-bus.js';
import type { SlowState } from '../../core/state/slow-state.js';
import type { Milliseconds } from '../../core/units.js';
import type { Logger } from '../../log.js';
import type { OneShotTimers } from './beat-scheduler.js';
import { validateOscTargets, type OscTarget, type OscTargetOptions } from './osc-target.js';
import { OscTargetRunner, type DatagramSink, type OscTargetStatus } from './osc-target-runner.js';
import { stateOf } from '../../bus/parse-state.js';
import { preciseTimers } from './precise-timers.js';
import { UdpSender } from './udp-sender.js';

export interface OscOutputDeps {
  /** Server clock, the same base as SlowState `wall` (default performance.timeOrigin + performance.now()). */
  now?: () => Milliseconds;
  /** Beat timers (default: preciseTimers, sub-millisecond). */
  timers?: OneShotTimers;
  /** Opens a target's datagram sink (default: a connected UDP socket). */
  openSink?: (target: OscTarget, onError: (err: Error) => void) => DatagramSink;
}

export interface OscOutputs {
  targets(): OscTargetStatus[];
  /** Replaces the target list; targets whose options are unchanged keep their socket, timers and counters. */
  setTargets(targets: readonly OscTargetOptions[]): void;
  close(): void;
}

/**
 * Sends every SlowState on the bus to the OSC targets: the JSON is parsed once per hop for all of them; continuous
 * values go out at each target's rate, beat events at the predicted beat minus the target's latency. Send errors
 * are counted and logged once per target, never thrown. Disabled targets are listed but send nothing.
 */
export function attachOscOutputs(bus: StateBus, targets: readonly OscTargetOptions[], log: Logger, deps: OscOutputDeps = {}): OscOutputs {
  const now = deps.now ?? (() => performance.timeOrigin + performance.now());
  const timers = deps.timers ?? preciseTimers(now);
  const openSink = deps.openSink ?? ((t, onError) => new UdpSender(t.host, t.port, onError));
  let runners = new Map<string, { key: string; target: OscTarget; runner: OscTargetRunner | undefined }>();
  let parseErrorLogged = false;

  function start(target: OscTarget): OscTargetRunner | undefined {
    if (!target.enabled) return undefined;
    const holder: { runner?: OscTargetRunner } = {};
    const sink = openSink(target, (err) => {
      const runner = holder.runner;
      if (!runner) return;
      if (runner.errors === 0) log.warn(`osc target ${target.id} (${target.host}:${String(target.port)}): send failed: ${err.message}; further errors are only counted`);
      runner.errors++;
      runner.lastError = err.message;
    });
    holder.runner = new OscTargetRunner(target, sink, now, timers);
    log.info(`osc target ${target.id}: ${target.profile} to ${target.host}:${String(target.port)}, ${String(target.rateHz)} Hz, latency ${String(target.latencyMs)} ms`);
    return holder.runner;
  }

  function setTargets(options: readonly OscTargetOptions[]): void {
    const validated = validateOscTargets(options);
    const next = new Map<string, { key: string; target: OscTarget; runner: OscTargetRunner | undefined }>();
    for (const target of validated) {
      const key = JSON.stringify(target);
      const old = runners.get(target.id);
      if (old?.key === key) {
        next.set(target.id, old);
        runners.delete(target.id);
      } else {
        next.set(target.id, { key, target, runner: start(target) });
      }
    }
    for (const old of runners.values()) old.runner?.close();
    runners = next;
  }

  setTargets(targets);
  const unsubscribe = bus.subscribe((published) => {
    let state: SlowState;
    try {
      state = stateOf(published);
    } catch (err) {
      if (!parseErrorLogged) log.error(`osc outputs: cannot read a SlowState: ${err instanceof Error ? err.message : String(err)}`);
      parseErrorLogged = true;
      return;
    }
    for (const { runner } of runners.values()) runner?.onState(state);
  });

  return {
    targets: () =>
      [...runners.values()].map(
        ({ target, runner }) =>
          runner?.status() ?? { id: target.id, host: target.host, port: target.port, profile: target.profile, enabled: false, sent: 0, beats: 0, stale_beats: 0, errors: 0, last_error: null },
      ),
    setTargets,
    close() {
      unsubscribe();
      for (const { runner } of runners.values()) runner?.close();
      runners.clear();
    },
  };
}
