import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { FS_NAMESPACE } from '../outputs/oscquery/fs-namespace.js';
import { buildNamespace } from '../outputs/oscquery/namespace.js';
import { advertiseOverMdns, defaultInstanceName } from '../outputs/oscquery/mdns-advertiser.js';
import { startOscQuery, type OscQueryServer } from '../outputs/oscquery/oscquery-server.js';
import { createCommandHandler, type CommandHandler, type CommandTargets } from './command-handler.js';
import { startOscInput, type OscInput } from './osc-input.js';

export interface ControlPaths {
  readonly commands: CommandHandler;
  readonly oscInput: OscInput | undefined;
  readonly oscQuery: OscQueryServer | undefined;
  status(): object;
  close(): Promise<void>;
}

/**
 * The one command handler (REST, OSC input and the control surface all go through it), the OSC control input,
 * and OSCQuery discovery. A port that cannot be bound is an error at start, naming the port and the flag.
 */
export async function startControlPaths(config: Config, targets: CommandTargets, log: Logger): Promise<ControlPaths> {
  const commands = createCommandHandler(targets, log);
  const oscInput = config.osc.in_enabled ? await startOscInput({ host: config.osc.in_host, port: config.osc.in_port }, commands, log) : undefined;
  let oscQuery: OscQueryServer | undefined;
  try {
    oscQuery = config.oscquery.enabled
      ? await startOscQuery(
          { host: config.server.host, port: config.oscquery.port, name: 'FractalSync', oscPort: oscInput?.port ?? config.osc.in_port },
          buildNamespace(FS_NAMESPACE, 'FractalSync'),
          log,
        )
      : undefined;
  } catch (error) {
    await oscInput?.close();
    throw error;
  }
  const mdns = oscQuery !== undefined && config.oscquery.mdns ? advertiseOverMdns({ name: defaultInstanceName(), oscQueryPort: oscQuery.port, host: config.server.host }, log) : undefined;
  return {
    commands,
    oscInput,
    oscQuery,
    status: () => ({
      commands: commands.stats(),
      osc_in: oscInput ? { port: oscInput.port, ...oscInput.stats() } : null,
      oscquery: oscQuery ? { port: oscQuery.port, mdns: mdns?.name() ?? null } : null,
    }),
    async close() {
      await mdns?.close();
      await oscInput?.close();
      await oscQuery?.close();
    },
  };
}
