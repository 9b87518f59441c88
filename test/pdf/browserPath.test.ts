import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowserPath } from '../../server/pdf/browserPath.js';

describe('findBrowserPath', () => {
  let folder: string;
  let executable: string;
  let plainFile: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'il-browser-path-'));
    executable = path.join(folder, 'chrome');
    plainFile = path.join(folder, 'not-executable');
    await writeFile(executable, '#!/bin/sh\n');
    await chmod(executable, 0o755);
    await writeFile(plainFile, '');
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('uses the configured path when a file is executable there', () => {
    expect(
      findBrowserPath({ configuredPath: executable, systemPaths: [] }),
    ).toEqual({ found: true, path: executable, source: 'config' });
  });

  it('reports a configured path that does not exist instead of looking further', () => {
    const lookup = findBrowserPath({
      configuredPath: path.join(folder, 'missing'),
      puppeteerPath: executable,
    });

    expect(lookup.found).toBe(false);
    expect(lookup.found || lookup.problem).toMatch(/PUPPETEER_EXECUTABLE_PATH/);
    expect(lookup.found || lookup.problem).toMatch(/apt-get install chromium/);
  });

  it("prefers Puppeteer's own Chrome when its cache holds one", () => {
    expect(
      findBrowserPath({ puppeteerPath: executable, systemPaths: [plainFile] }),
    ).toEqual({ found: true, path: executable, source: 'puppeteer' });
  });

  it('falls back to a system browser when Puppeteer has none', () => {
    expect(
      findBrowserPath({
        puppeteerPath: path.join(folder, 'missing'),
        systemPaths: [plainFile, executable],
      }),
    ).toEqual({ found: true, path: executable, source: 'system' });
  });

  it('explains how to install a browser when none is found', () => {
    const lookup = findBrowserPath({ puppeteerPath: null, systemPaths: [] });

    expect(lookup).toEqual({
      found: false,
      problem: expect.stringMatching(
        /apt-get install chromium.*PUPPETEER_EXECUTABLE_PATH/,
      ),
    });
  });
});
