import { accessSync, constants, statSync } from 'node:fs';
import puppeteer from 'puppeteer';

/** Where the browser binary was found. */
export type BrowserSource = 'config' | 'puppeteer' | 'system';

/** The outcome of looking for a browser; `problem` says how to fix a miss. */
export type BrowserLookup =
  | { found: true; path: string; source: BrowserSource }
  | { found: false; problem: string };

/** Usual install locations of Chromium and Chrome on Linux and macOS. */
export const SYSTEM_BROWSER_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/local/bin/chromium',
  '/usr/local/bin/chromium-browser',
  '/usr/local/bin/google-chrome',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** How to get a browser; part of every "no browser" message. */
export const BROWSER_INSTALL_HINT =
  'Install Chromium (Debian or Ubuntu: apt-get install chromium; ' +
  'Alpine: apk add chromium; macOS: brew install --cask chromium) ' +
  'or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.';

/** Where to look; each field defaults to the real location. */
export interface FindBrowserOptions {
  /** `PUPPETEER_EXECUTABLE_PATH` from config; when set, it is the only try. */
  configuredPath?: string;
  /** Where Puppeteer's own Chrome would be; default: Puppeteer's cache. */
  puppeteerPath?: string | null;
  systemPaths?: readonly string[];
}

/**
 * Looks for a browser: the configured path, then the Chrome Puppeteer keeps
 * in its cache (installs skip the download, so there is often none), then a
 * system Chromium or Chrome. A configured path that is wrong is reported
 * rather than passed over, so a typo never goes unnoticed.
 */
export function findBrowserPath(
  options: FindBrowserOptions = {},
): BrowserLookup {
  const { configuredPath } = options;
  if (configuredPath !== undefined) {
    if (isExecutableFile(configuredPath)) {
      return { found: true, path: configuredPath, source: 'config' };
    }
    return {
      found: false,
      problem:
        `PUPPETEER_EXECUTABLE_PATH is ${configuredPath}, but no executable ` +
        `file is there. ${BROWSER_INSTALL_HINT}`,
    };
  }

  const cached =
    options.puppeteerPath === undefined
      ? findPuppeteerChrome()
      : options.puppeteerPath;
  if (cached !== null && isExecutableFile(cached)) {
    return { found: true, path: cached, source: 'puppeteer' };
  }

  const system = (options.systemPaths ?? SYSTEM_BROWSER_PATHS).find(
    isExecutableFile,
  );
  if (system !== undefined) {
    return { found: true, path: system, source: 'system' };
  }
  return {
    found: false,
    problem: `No Chrome or Chromium browser was found. ${BROWSER_INSTALL_HINT}`,
  };
}

function findPuppeteerChrome(): string | null {
  try {
    return puppeteer.executablePath();
  } catch {
    // Puppeteer throws for platforms it has no Chrome build for.
    return null;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
