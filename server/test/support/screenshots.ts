import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Pictures from browser tests, for a person to look at: every run writes them under .cache/screenshots/<area>/;
 * with UPDATE_SCREENSHOTS=1 they also replace the ones committed under docs/<area>/, so routine test runs leave
 * the repository unchanged. (Not a FRACTALSYNC_ name: the daemons the tests start refuse unknown ones.)
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === '1';

export function screenshotDir(area: string): string {
  return `${ROOT}.cache/screenshots/${area}/`;
}

export function saveScreenshot(area: string, name: string, png: Buffer): string {
  const dirs = [screenshotDir(area), ...(UPDATE_DOCS ? [`${ROOT}docs/${area}/`] : [])];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}${name}`, png);
  }
  return `${screenshotDir(area)}${name}`;
}
