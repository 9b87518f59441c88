import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import {
  createPdfRenderer,
  type PdfRenderer,
} from '../../server/pdf/pdfRenderer.js';
import { renderOrderSheetHtml } from '../../server/pdf/orderSheetTemplate.js';
import { extractPdfText, listPdfImageSizes, looksLikePdf } from './pdfTools.js';
import {
  startRequestRecorder,
  type RequestRecorder,
} from './requestRecorder.js';
import { createOrderView } from './sampleViews.js';

// These tests launch a real Chromium: Debian's `chromium` package (or any
// browser findBrowserPath finds), plus poppler-utils to read the PDFs.
const logger = pino({ level: 'silent' });
const SIMPLE_PAGE = '<!doctype html><p>Plain page</p>';
// A 1x1 PNG, inline. Chrome prints it as a 1x1 image when it loads; a
// refused image shows as its broken-image icon instead.
const PIXEL =
  'data:image/png;base64,' +
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA' +
  'hKmMIQAAAABJRU5ErkJggg==';

describe('createPdfRenderer', () => {
  let renderer: PdfRenderer;
  let recorder: RequestRecorder;

  beforeAll(async () => {
    renderer = createPdfRenderer({ logger });
    recorder = await startRequestRecorder();
  });

  beforeEach(() => {
    recorder.paths.length = 0;
  });

  afterAll(async () => {
    await renderer.close();
    await recorder.close();
  });

  it('prints the order number and patient when rendering an order sheet', async () => {
    const bytes = await renderer.renderPdf(
      renderOrderSheetHtml(createOrderView()),
    );

    expect(looksLikePdf(bytes)).toBe(true);
    const text = await extractPdfText(bytes);
    expect(text).toContain('IL-001234');
    expect(text).toContain('Maria Lopez');
    expect(text).toContain('€119.50');
  });

  it('does not run scripts when the document holds them', async () => {
    const bytes = await renderer.renderPdf(`<!doctype html>
<p id="target">Static text</p>
<noscript>Scripts are off</noscript>
<img src="x" onerror="document.body.textContent='HANDLER RAN'">
<script>document.getElementById('target').textContent = 'SCRIPT RAN';</script>`);

    const text = await extractPdfText(bytes);
    expect(text).toContain('Static text');
    expect(text).toContain('Scripts are off');
    expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN/);
  });

  it('sends no request when the markup points at a loopback server', async () => {
    const at = (name: string) => `${recorder.origin}/${name}`;
    await renderer.renderPdf(`<!doctype html>
<html><head>
<meta http-equiv="refresh" content="0; url=${at('refresh')}">
<link rel="stylesheet" href="${at('style.css')}">
<link rel="preload" as="image" href="${at('preload')}">
<style>@import url("${at('import.css')}");
body { background: url("${at('background')}"); }
@font-face { font-family: X; src: url("${at('font')}"); }
p { font-family: X; }</style>
</head><body><p>Links everywhere</p>
<img src="${at('img')}"><iframe src="${at('frame')}"></iframe>
<object data="${at('object')}"></object><script src="${at('script.js')}"></script>
<a href="${at('link')}">a link</a>
</body></html>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The recorder was listening all along: only the test's own call lands.
    await fetch(at('after'));

    expect(recorder.paths).toEqual(['/after']);
  });

  it('sends no request when order data holds an image tag', async () => {
    const view = createOrderView({
      patient: { lastName: `<img src="${recorder.origin}/patient">` },
      description: `<img src="${recorder.origin}/item">`,
    });

    const bytes = await renderer.renderPdf(renderOrderSheetHtml(view));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fetch(`${recorder.origin}/after`);

    expect(recorder.paths).toEqual(['/after']);
    expect(await extractPdfText(bytes)).toContain(`${recorder.origin}/item`);
  });

  it('shows no local file when the markup frames a file: URL', async () => {
    const hostsFile = 'file:///etc/hosts';
    const bytes = await renderer.renderPdf(
      `<!doctype html><p>Before</p><iframe src="${hostsFile}"></iframe>`,
    );

    expect(await extractPdfText(bytes)).not.toContain('localhost');
  });

  it('embeds no image when the markup inlines one as a data: URL', async () => {
    const bytes = await renderer.renderPdf(
      `<!doctype html><img src="${PIXEL}" width="200" height="200">`,
    );

    expect(await listPdfImageSizes(bytes)).not.toContainEqual({
      width: 1,
      height: 1,
    });
  });

  it('reports the browser and its version once it has been launched', async () => {
    await renderer.renderPdf(SIMPLE_PAGE);

    expect(renderer.describeBrowser()).toMatchObject({
      found: true,
      running: true,
      version: expect.stringMatching(/Chrom/),
      pid: expect.any(Number),
      problem: null,
    });
  });
});

describe('createPdfRenderer after a browser crash', () => {
  let renderer: PdfRenderer;

  beforeAll(() => {
    renderer = createPdfRenderer({ logger });
  });

  afterAll(async () => {
    await renderer.close();
  });

  async function renderAndGetPid(): Promise<number> {
    await renderer.renderPdf(SIMPLE_PAGE);
    const { pid } = renderer.describeBrowser();
    if (pid === null) throw new Error('the renderer reported no browser pid');
    return pid;
  }

  it('fails the job in flight as retryable when the browser is killed', async () => {
    const pid = await renderAndGetPid();

    const inFlight = renderer.renderPdf(SIMPLE_PAGE);
    process.kill(pid, 'SIGKILL');

    await expect(inFlight).rejects.toMatchObject({
      code: 'browser_unavailable',
      retryable: true,
    });
    expect(await renderAndGetPid()).not.toBe(pid);
  });

  it('launches a new browser for the next job when the old one died', async () => {
    const pid = await renderAndGetPid();

    process.kill(pid, 'SIGKILL');
    await expect.poll(() => renderer.describeBrowser().running).toBe(false);

    const newPid = await renderAndGetPid();
    expect(newPid).not.toBe(pid);
    expect(renderer.describeBrowser().running).toBe(true);
  });
});

describe('createPdfRenderer without a browser', () => {
  it('fails for good with install steps when the path holds no browser', async () => {
    const missing = path.join(os.tmpdir(), `no-browser-${randomUUID()}`);
    const config = loadConfig({ PUPPETEER_EXECUTABLE_PATH: missing });
    const renderer = createPdfRenderer({
      executablePath: config.puppeteerExecutablePath,
      logger,
    });

    await expect(renderer.renderPdf(SIMPLE_PAGE)).rejects.toMatchObject({
      code: 'browser_unavailable',
      retryable: false,
      message: expect.stringMatching(
        /PUPPETEER_EXECUTABLE_PATH.*apt-get install chromium/,
      ),
    });
    expect(renderer.describeBrowser()).toMatchObject({
      found: false,
      running: false,
      problem: expect.stringContaining('apt-get install chromium'),
    });
    await renderer.close();
  });
});

describe('createPdfRenderer with a broken browser', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'il-broken-browser-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('fails as retryable and names the binary when it does not start', async () => {
    const binary = path.join(folder, 'chromium');
    await writeFile(binary, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const renderer = createPdfRenderer({ executablePath: binary, logger });

    await expect(renderer.renderPdf(SIMPLE_PAGE)).rejects.toMatchObject({
      code: 'browser_unavailable',
      retryable: true,
      message: expect.stringContaining(binary),
    });
    await renderer.close();
  });
});

describe('createPdfRenderer limits', () => {
  it('refuses the document for good when the PDF passes the size limit', async () => {
    const renderer = createPdfRenderer({ logger, maxPdfBytes: 1024 });

    try {
      await expect(renderer.renderPdf(SIMPLE_PAGE)).rejects.toMatchObject({
        code: 'payload_too_large',
        retryable: false,
      });
    } finally {
      await renderer.close();
    }
  });

  it('fails as retryable and keeps the browser when time runs out', async () => {
    const renderer = createPdfRenderer({ logger, renderTimeoutMs: 1 });

    try {
      await expect(renderer.renderPdf(SIMPLE_PAGE)).rejects.toMatchObject({
        retryable: true,
      });
      expect(renderer.describeBrowser().running).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('stops the browser and refuses new work when closed', async () => {
    const renderer = createPdfRenderer({ logger });
    await renderer.renderPdf(SIMPLE_PAGE);
    const { pid } = renderer.describeBrowser();

    await renderer.close();

    await expect(renderer.renderPdf(SIMPLE_PAGE)).rejects.toMatchObject({
      code: 'browser_unavailable',
      retryable: true,
    });
    expect(() => process.kill(pid!, 0)).toThrow();
  });
});
