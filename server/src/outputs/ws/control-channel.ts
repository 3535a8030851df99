import type { BeatControls } from '../../control/beat-controls.js';
import type { CommandHandler } from '../../control/command-handler.js';
import type { ControlAuth } from '../../control/control-auth.js';
import type { SceneSnapshot } from '../../control/scene-state.js';
import type { Logger } from '../../log.js';
import type { AuthMessage, CommandMessage } from './client-messages.js';
import { ackMessage, encodeServerMessage, errorMessage, sceneMessage, type ClientRole } from './server-messages.js';
import type { StateClient } from './state-client.js';

/** Something that holds a current value and says when it changes (the scene, the beat controls). */
export interface Feed<T> {
  readonly current: T;
  subscribe(listener: (value: T) => void): () => void;
}

/** What makes /ws a control channel as well as a state stream. Without it every client is a read-only viewer. */
export interface WsControlOptions {
  auth: ControlAuth;
  commands: Pick<CommandHandler, 'handle'>;
  scene: Feed<SceneSnapshot>;
  beatControls?: Feed<BeatControls>;
}

/**
 * Auth, commands and the scene broadcast on the state socket. Every client gets the scene after hello and on
 * every change; only clients that proved the token may send commands. A scene message skipped because a
 * client's socket was backed up is sent again on the next hop, so no client stays on an old scene.
 */
export class ControlChannel {
  readonly #options: WsControlOptions | undefined;
  readonly #log: Logger;
  readonly #send: (client: StateClient, text: string) => boolean;
  #forbidden = 0;

  constructor(options: WsControlOptions | undefined, send: (client: StateClient, text: string) => boolean, log: Logger) {
    this.#options = options;
    this.#send = send;
    this.#log = log;
  }

  get authRequired(): boolean {
    return this.#options?.auth.required ?? true;
  }

  /** Commands refused because the client had not authenticated. */
  get forbidden(): number {
    return this.#forbidden;
  }

  /** The role a new connection starts with. */
  initialRole(): ClientRole {
    return this.#options !== undefined && !this.#options.auth.required ? 'control' : 'viewer';
  }

  /** What follows hello: the scene, and the beat controls for a controller. */
  welcome(client: StateClient): void {
    this.catchUp(client);
    if (client.role === 'control') this.#sendBeatControls(client);
  }

  /** Sends the current scene when the client has not had it yet. */
  catchUp(client: StateClient): void {
    const snapshot = this.#options?.scene.current;
    if (snapshot === undefined || client.sceneRev >= snapshot.rev) return;
    if (this.#send(client, encodeServerMessage(sceneMessage(snapshot.rev, snapshot.scene)))) client.sceneRev = snapshot.rev;
  }

  auth(client: StateClient, message: AuthMessage): void {
    if (this.#options === undefined) {
      this.#send(client, encodeServerMessage(errorMessage('forbidden', 'this server takes no control commands')));
      return;
    }
    const result = this.#options.auth.check(message.token, client.host);
    if (!result.ok) {
      this.#log.warn(`ws ${client.id} from ${client.host}: auth refused (${result.code})`);
      this.#send(client, encodeServerMessage(errorMessage(result.code, result.error)));
      return;
    }
    const first = client.role !== 'control';
    client.role = 'control';
    if (first) this.#log.info(`ws ${client.id} from ${client.host} is now a controller`);
    this.#send(client, encodeServerMessage({ type: 'authed', role: 'control' }));
    this.#sendBeatControls(client);
  }

  command(client: StateClient, message: CommandMessage): void {
    if (this.#options === undefined || client.role !== 'control') {
      this.#forbidden++;
      const why = this.#options === undefined ? 'this server takes no control commands' : 'commands need the control token: send {"type":"auth","token":"..."} first';
      this.#send(client, encodeServerMessage(errorMessage('forbidden', why, message.id)));
      return;
    }
    const result = this.#options.commands.handle(message.command, `ws ${client.host}`);
    this.#send(client, encodeServerMessage(ackMessage(message.id, result)));
  }

  /** Broadcasts every scene and beat-control change to `clients()`; returns the unsubscribe. */
  attach(clients: () => Iterable<StateClient>): () => void {
    const options = this.#options;
    if (options === undefined) return () => undefined;
    const offScene = options.scene.subscribe(() => {
      for (const client of clients()) this.catchUp(client);
    });
    const offControls = options.beatControls?.subscribe(() => {
      for (const client of clients()) if (client.role === 'control') this.#sendBeatControls(client);
    });
    return () => {
      offScene();
      offControls?.();
    };
  }

  #sendBeatControls(client: StateClient): void {
    const controls = this.#options?.beatControls?.current;
    if (controls === undefined) return;
    this.#send(client, encodeServerMessage({ type: 'beat_controls', locked: controls.locked, meter: controls.meter }));
  }
}
