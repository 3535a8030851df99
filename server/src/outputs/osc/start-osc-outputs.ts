import { homedir } from 'node:os';
import { join } from 'node:path';
import type { StateBus } from '../../bus/state-bus.js';
import type { Config } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import { JsonStore } from '../../store/json-store.js';
import { oscTargetsFromConfig } from './config-targets.js';
import { attachOscOutputs, type OscOutputs } from './osc-output.js';
import { validateOscTargets, type OscTarget } from './osc-target.js';
import { OscTargetRegistry } from './target-registry.js';

/** The state folder with ~ expanded. */
export function stateDir(config: Config): string {
  return config.state.dir.replace(/^~(?=$|\/)/, homedir());
}

/**
 * OSC outputs and the registry that changes them at run time. The starting list: --osc flags when given, else
 * the stored list (changed through the API), else osc.targets from the config.
 */
export async function startOscOutputs(
  config: Config,
  bus: StateBus,
  targetsFromFlags: boolean,
  log: Logger,
): Promise<{ outputs: OscOutputs; registry: OscTargetRegistry }> {
  const store = new JsonStore<OscTarget[]>(join(stateDir(config), 'osc-targets.json'), (value) => {
    if (!Array.isArray(value)) throw new Error('expected a list of OSC targets');
    return validateOscTargets(value);
  });
  const configured = validateOscTargets(oscTargetsFromConfig(config.osc.targets));
  const initial = targetsFromFlags ? configured : await OscTargetRegistry.initial(store, configured, log);
  const outputs = attachOscOutputs(bus, initial, log);
  return { outputs, registry: new OscTargetRegistry(initial, outputs, store) };
}
