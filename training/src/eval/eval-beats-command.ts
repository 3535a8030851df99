import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from '@fractalsync/server/log';
import { CACHE_DIR } from '../repo-paths.js';
import { aubioSystem, findAubio } from './aubio.js';
import { fractalsyncSystem } from './fractalsync-tracker.js';
import type { BeatTrackerOptions } from '@fractalsync/server/core/beat/beat-tracker';
import { formatReport } from './report-table.js';
import { evaluateSystems, reportToJson } from './run-beat-eval.js';
import type { EvalSystem } from './system.js';
import { learnedSystem } from './learned-tracker.js';
import { loadTrackSet } from './track-set.js';
import type { TrackSet } from './track-set.js';

/** Where the evaluation-set generator writes sets, one folder per set with a manifest.json. */
export const SETS_DIR = join(CACHE_DIR, 'eval-beats');
export const MANIFEST_NAME = 'manifest.json';
/** The held-out evaluation set that `npm run eval:beats` builds and scores. */
export const DEFAULT_SET = 'eval-v1';
/** The shipped beat activation model, used by --activation learned|both. */
export const DEFAULT_BEAT_MODEL = join(CACHE_DIR, '..', 'models', 'beat_activation.onnx');
const ACTIVATIONS = ['dsp', 'learned', 'both'] as const;

/** Real trackers the CLI can run: the project's own (the default) and aubio. */
const TRACKERS: Record<string, (trackerOptions: BeatTrackerOptions) => Promise<EvalSystem>> = {
  fractalsync: (trackerOptions) => Promise.resolve(fractalsyncSystem(trackerOptions)),
  aubio: async () => {
    const info = await findAubio();
    if (info === null) throw new Error('--tracker aubio: the aubio binary is not installed (Debian: apt-get install aubio-tools)');
    return aubioSystem(info);
  },
};

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: node training/dist/eval/eval-beats-cli.js [--tracker NAME] [--set DIR|MANIFEST] [--json OUT] [--no-aubio] [--strict]
  --tracker NAME   tracker to evaluate: ${Object.keys(TRACKERS).join(', ')}
  --set PATH       a set folder holding ${MANIFEST_NAME}, or the manifest itself (default: the only set in ${SETS_DIR})
  --json OUT       JSON report path (default: ${join(CACHE_DIR, 'eval-reports')}/beats-<set>-<tracker>.json)
  --no-aubio       do not run aubio beside the tracker
  --tracker-options JSON  fractalsync tracker options (for tuning on the development set), e.g. '{"inductionPower":2}'
  --strict         exit 1 when a floor of issue 3 fails
  --activation dsp|learned|both  the fractalsync tracker's activation: DSP, the learned model, or both side by side
                   (default: both for the fractalsync tracker when the model file exists, otherwise dsp)
  --model PATH     the beat_activation ONNX model (default: ${DEFAULT_BEAT_MODEL})
  --network-weight W  share of the network in the learned beat likelihood, the rest DSP (default: the model card's
                   metrics.network_weight, chosen on dev-v1, else 1)
  --exclude-soundfont NAME  leave out tracks rendered with this soundfont (e.g. FluidR3_GM, which training uses)
`;

/** The eval:beats command: prints a markdown table to stdout and writes a JSON report. Returns the exit code. */
export async function runEvalBeatsCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tracker: { type: 'string', default: 'fractalsync' },
        set: { type: 'string' },
        json: { type: 'string' },
        'no-aubio': { type: 'boolean', default: false },
        'tracker-options': { type: 'string' },
        strict: { type: 'boolean', default: false },
        activation: { type: 'string' },
        model: { type: 'string' },
        'exclude-soundfont': { type: 'string' },
        'network-weight': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const trackerName = values.tracker;
  const makeTracker = TRACKERS[trackerName];
  if (makeTracker === undefined) {
    io.stderr(`--tracker "${trackerName}" is unknown; choose one of: ${Object.keys(TRACKERS).join(', ')}\n${USAGE}`);
    return 2;
  }
  const closers: (() => Promise<void>)[] = [];
  try {
    const modelPath = resolve(values.model ?? DEFAULT_BEAT_MODEL);
    const activation = values.activation ?? (trackerName === 'fractalsync' && existsSync(modelPath) ? 'both' : 'dsp');
    if (!(ACTIVATIONS as readonly string[]).includes(activation)) throw new Error(`--activation "${activation}" is unknown; expected one of ${ACTIVATIONS.join(', ')}`);
    if (activation !== 'dsp' && trackerName !== 'fractalsync') throw new Error(`--activation ${activation} applies to the fractalsync tracker, not "${trackerName}"`);
    const set = excludeSoundfont(await loadTrackSet(await manifestPath(values.set)), values['exclude-soundfont']);
    const trackerOptions = parseTrackerOptions(values['tracker-options']);
    const systems: EvalSystem[] = [];
    const notes: string[] = [];
    if (activation !== 'dsp') {
      const weight = values['network-weight'] === undefined ? undefined : Number(values['network-weight']);
      if (weight !== undefined && !(weight >= 0 && weight <= 1)) throw new Error(`--network-weight "${values['network-weight'] ?? ''}" is invalid; expected a number from 0 to 1`);
      const learned = await learnedSystem(modelPath, trackerOptions, weight === undefined ? {} : { networkWeight: weight });
      closers.push(() => learned.close());
      systems.push(learned);
      notes.push(`fractalsync-learned: the same tracker on the learned beat activation (${modelPath}).`);
    }
    // The shipped configuration (the learned activation, when there is a model) comes first: the floors are its.
    if (activation !== 'learned') systems.push(await makeTracker(trackerOptions));
    if (values['exclude-soundfont'] !== undefined) notes.push(`Tracks rendered with soundfont ${values['exclude-soundfont']} are left out (${set.manifest.tracks.length} tracks remain).`);
    if (values['no-aubio']) notes.push('aubio comparison turned off (--no-aubio).');
    else if (trackerName === 'aubio') notes.push('The tracker under test is aubio itself, so there is no separate aubio column.');
    else {
      const aubio = await findAubio();
      if (aubio === null) notes.push('aubio is not installed (Debian package aubio-tools), so there is no aubio column.');
      else systems.push(aubioSystem(aubio));
    }
    const command = ['node training/dist/eval/eval-beats-cli.js', ...argv].join(' ');
    const report = await evaluateSystems(set, systems, { log: stderrLogger(io), command, notes });
    const jsonPath = resolve(values.json ?? join(CACHE_DIR, 'eval-reports', `beats-${report.set}-${trackerName}${activation === 'dsp' ? '' : `-${activation}`}.json`));
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, reportToJson(report));
    io.stdout(`${formatReport(report)}\nJSON report: ${jsonPath}\n`);
    return values.strict && report.floors.some((f) => f.pass === false) ? 1 : 0;
  } catch (err) {
    io.stderr(`eval:beats failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    for (const close of closers) await close();
  }
}

/** The set without the tracks one soundfont rendered (the procedural tracks use none and always stay). */
function excludeSoundfont(set: TrackSet, soundfont: string | undefined): TrackSet {
  if (soundfont === undefined) return set;
  const tracks = set.manifest.tracks.filter((t) => {
    const spec = t.generator.spec;
    return !(typeof spec === 'object' && spec !== null && 'soundfont' in spec && spec.soundfont === soundfont);
  });
  if (tracks.length === 0) throw new Error(`--exclude-soundfont ${soundfont} leaves no track in ${set.manifestPath}`);
  return { ...set, manifest: { ...set.manifest, tracks } };
}

/** --set as given (a folder or a manifest), or the only set under SETS_DIR. */
async function manifestPath(set: string | undefined): Promise<string> {
  if (set !== undefined) {
    const path = resolve(set);
    if (!existsSync(path)) throw new Error(`--set ${set}: ${path} does not exist`);
    return statSync(path).isDirectory() ? join(path, MANIFEST_NAME) : path;
  }
  let names: string[];
  try {
    names = await readdir(SETS_DIR);
  } catch {
    throw new Error(`no --set given and ${SETS_DIR} does not exist; generate an evaluation set first or pass --set`);
  }
  const sets = names.filter((n) => existsSync(join(SETS_DIR, n, MANIFEST_NAME))).sort();
  // The held-out evaluation set is the default; a development set beside it is only scored when named.
  if (sets.includes(DEFAULT_SET)) return join(SETS_DIR, DEFAULT_SET, MANIFEST_NAME);
  const [only] = sets;
  if (only === undefined || sets.length > 1) {
    throw new Error(`no --set given and ${SETS_DIR} holds ${sets.length === 0 ? 'no set with a manifest.json' : `several sets (${sets.join(', ')}); pick one with --set`}`);
  }
  return join(SETS_DIR, only, MANIFEST_NAME);
}

/** Progress goes to stderr, so stdout stays a clean markdown table. */
function stderrLogger(io: CommandIo): Logger {
  return {
    debug: () => undefined,
    info: (msg) => { io.stderr(`${msg}\n`); },
    warn: (msg) => { io.stderr(`warning: ${msg}\n`); },
    error: (msg) => { io.stderr(`error: ${msg}\n`); },
  };
}

function parseTrackerOptions(text: string | undefined): BeatTrackerOptions {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--tracker-options is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('--tracker-options must be a JSON object');
  return value;
}
