import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser; DECOUPLED_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.DECOUPLED_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The flags a headless Chromium needs on a closed network: without the background-networking ones it keeps
 * trying to reach Google's hosts; --no-sandbox because CI runs as root.
 */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Headless Chromium with a fresh profile. Missing Chromium fails, in CI and outside it alike, with the command
 * that installs it: a skipped browser test would pass a catalog no browser has opened.
 */
export async function launchChromium(): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}, and the catalog must be opened in a real browser. Install Debian's package: `
      + '`sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium` (.ci/run does it in CI), or set DECOUPLED_CHROMIUM to a Chromium binary.');
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1280, height: 900 } });
  profiles.set(context, profile);
  return context;
}

const profiles = new WeakMap<BrowserContext, string>();

/** Closes Chromium, then removes its profile (Chromium writes to it until it has exited). */
export async function closeChromium(context: BrowserContext): Promise<void> {
  await context.close();
  const profile = profiles.get(context);
  if (profile) fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
