/** Headless Chromium for the explorer's browser tests, and the screenshots they keep for the README. */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from './corpus.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(projectRoot, 'tests', 'output');
const readmeShots = join(projectRoot, 'api', 'explorer', 'screenshots');

/** Debian's Chromium (`npm test` installs it), with SwiftShader for the WebGL that sigma draws with. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is needed for the explorer tests and was not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (npm test does when it may) or set CHROMIUM_PATH.`);
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
}

/** Copies a checked screenshot to where the README shows it, when asked (UPDATE_SCREENSHOTS=1) or when it is missing there. */
export function keepForReadme(file: string, name: string): void {
  const committed = join(readmeShots, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed)) {
    mkdirSync(readmeShots, { recursive: true });
    copyFileSync(file, committed);
  }
}
