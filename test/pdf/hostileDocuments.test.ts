import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderExaminationFormHtml } from '../../server/pdf/examinationFormTemplate.js';
import { renderInvoiceHtml } from '../../server/pdf/invoiceTemplate.js';
import { renderLabWorkTicketHtml } from '../../server/pdf/labWorkTicketTemplate.js';
import { renderOrderSheetHtml } from '../../server/pdf/orderSheetTemplate.js';
import {
  createPdfRenderer,
  type PdfRenderer,
} from '../../server/pdf/pdfRenderer.js';
import { renderReceiptHtml } from '../../server/pdf/receiptTemplate.js';
import { extractPdfText } from './pdfTools.js';
import {
  startRequestRecorder,
  type RequestRecorder,
} from './requestRecorder.js';
import { createOrderView, createPatientView } from './sampleViews.js';

// Each template is printed in the real Chromium with order and patient
// values an attacker could type, while a loopback server the values point
// at watches for any request. These values pass through the same escaping
// as production data; the renderer's own blocking is tested separately with
// raw markup in pdfRenderer.test.ts.
const logger = pino({ level: 'silent' });
const PAUSE_FOR_LATE_REQUESTS_MS = 300;

let renderer: PdfRenderer;
let recorder: RequestRecorder;

function hostileValues(origin: string) {
  return {
    // The markers are built at run time, so the printed values never hold
    // them: they appear in the PDF only if the code ran.
    script: `<script>document.body.innerHTML='SCRIPT'+' RAN'</script>`,
    image: `"><img src="${origin}/image" onerror="this.alt='HANDLER'+' RAN'">`,
    frame: `<iframe src="file:///etc/passwd"></iframe>`,
    style:
      `</style><style>body{background:url(${origin}/css)}` +
      `@import url(${origin}/import);</style>`,
    attribute: `x" style="background-image:url(${origin}/inline)`,
    link: `<link rel="stylesheet" href="${origin}/link">`,
  };
}

function renderAll(origin: string): [string, string][] {
  const v = hostileValues(origin);
  const order = createOrderView({
    patient: { firstName: v.script, lastName: v.image },
    companyName: v.style,
    description: `${v.frame}${v.link}`,
    carrier: v.attribute,
  });
  const patient = createPatientView(
    { firstName: v.frame, lastName: v.style },
    v.image,
  );
  return [
    ['order-sheet', renderOrderSheetHtml(order)],
    ['lab-work-ticket', renderLabWorkTicketHtml(order)],
    ['invoice', renderInvoiceHtml(order)],
    ['receipt', renderReceiptHtml(order)],
    ['examination-form', renderExaminationFormHtml(patient)],
  ];
}

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

describe('documents printed from hostile order and patient data', () => {
  it('fetch nothing, run nothing and show the values as text', async () => {
    const texts: string[] = [];
    for (const [, markup] of renderAll(recorder.origin)) {
      texts.push(await extractPdfText(await renderer.renderPdf(markup)));
    }
    await new Promise((resolve) => {
      setTimeout(resolve, PAUSE_FOR_LATE_REQUESTS_MS);
    });

    expect(recorder.paths).toEqual([]);
    for (const text of texts) {
      expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN|root:x:0:0/);
    }
    // The values are printed as the characters the user typed.
    expect(texts[0]).toContain('<script>');
    expect(texts[4]).toContain('file:///etc/passwd');
  });
});

describe('raw markup with less common ways to load a resource', () => {
  it('sends nothing to the watching server and shows no local file', async () => {
    const at = (name: string) => `${recorder.origin}/${name}`;
    const bytes = await renderer.renderPdf(`<!doctype html>
<html><head><base href="${at('base/')}">
<style>
h1 { background-image: image-set("${at('image-set')}" 1x); }
p { cursor: url("${at('cursor')}"), auto; }
ul { list-style-image: url("${at('list')}"); }
h2::before { content: url("${at('content')}"); }
div { border-image: url("${at('border')}") 30 round; }
</style></head><body>
<h1>Title</h1><h2>Sub</h2><p>Text</p><ul><li>item</li></ul><div>box</div>
<img srcset="${at('srcset')} 2x" src="relative.png">
<picture><source srcset="${at('picture')}"><img alt="p"></picture>
<video poster="${at('poster')}"></video><audio src="${at('audio')}"></audio>
<input type="image" src="${at('input')}">
<svg><image href="${at('svg-image')}" width="10" height="10"/></svg>
<embed src="${at('embed')}"><iframe srcdoc="<img src='${at('srcdoc')}'>"></iframe>
<iframe src="file:///etc/passwd"></iframe>
<object data="file:///etc/passwd"></object>
</body></html>`);
    await new Promise((resolve) => {
      setTimeout(resolve, PAUSE_FOR_LATE_REQUESTS_MS);
    });

    // The server was listening all along: only the test's own call lands.
    await fetch(at('after'));

    expect(recorder.paths).toEqual(['/after']);
    expect(await extractPdfText(bytes)).not.toContain('root:');
  });
});
