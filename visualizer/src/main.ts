import { installDebugHook } from './debug-hook.js';
import { parseOptions } from './options.js';
import { Visualizer } from './visualizer.js';

/** The projector page: `/?display=NAME&latency=MS` (see docs/VISUALS.md for every parameter). */
const root = document.getElementById('app') ?? document.body;
const { options, problems } = parseOptions(location.search);
Visualizer.start(root, options, problems)
  .then((visualizer) => {
    installDebugHook(visualizer);
  })
  .catch((err: unknown) => {
    // Without WebGL there is nothing to draw: say so on the page, where the operator looks.
    const message = err instanceof Error ? err.message : String(err);
    root.textContent = `FractalSync visualizer could not start: ${message}`;
    console.error(`FractalSync visualizer could not start: ${message}`);
  });
