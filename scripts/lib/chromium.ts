// Finding and starting the system's Chromium (Debian's `chromium` package) for the HTML report's
// browser test and its screenshot. puppeteer-core downloads no browser of its own.
import { existsSync } from 'node:fs';
import { launch, type Browser } from 'puppeteer-core';

/** The Chromium to drive: CHROMIUM_PATH if set, else the usual system locations; undefined when none is installed. */
export function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!));
}

/** A headless Chromium; without its sandbox when running as root (CI containers), which Chromium requires. */
export function startChromium(executablePath: string): Promise<Browser> {
  const asRoot = process.getuid?.() === 0;
  return launch({
    executablePath,
    headless: true,
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
  });
}
