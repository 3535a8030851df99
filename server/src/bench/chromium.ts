import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); playwright never downloads a browser of its own here. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

const FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Headless Debian Chromium, for the browser tests and benchmarks. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraArgs] });
}
