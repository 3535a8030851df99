#!/usr/bin/env node
import { runEvalBeatsCommand } from './eval-beats-command.js';

// Entry point for `npm run eval:beats`; all logic lives in eval-beats-command.ts so tests can call it in-process.
process.exitCode = await runEvalBeatsCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
