import { computeTracePoints, type OmaPoint } from './computeTraceGeometry.js';
import type { OmaAnalysis, OmaEyeAnalysis } from './omaAnalysis.js';
import type { OmaDrillHole } from './readDrillHoles.js';
import type { OmaSide } from './readOmaDatasets.js';

const MARGIN_MM = 6;
const CAPTION_MM = 10;
// Used only when the file gives no DBL; the caption then says so.
const FALLBACK_BRIDGE_MM = 18;
const STROKE_MM = 0.3;

/**
 * Draws both eyes on one sheet at 1 unit = 1 mm, each with its box and
 * drill holes. The right eye is on the left of the sheet, as seen facing
 * the wearer; the trace's +y is drawn upwards.
 */
export function renderOmaPreviewSvg(analysis: OmaAnalysis): string {
  const eyes = (['right', 'left'] as const)
    .map((side) => analysis.eyes[side])
    .filter((eye) => eye !== undefined);
  const centres = placeEyes(analysis, eyes);
  const shapes = eyes.map((eye) => drawEye(eye, centres[eye.side], analysis));

  const halfWidth = Math.max(
    20,
    ...eyes.map((eye) => Math.abs(centres[eye.side]) + eye.geometry.hboxMm / 2),
  );
  const halfHeight = Math.max(
    15,
    ...eyes.map((eye) => eye.geometry.vboxMm / 2),
  );
  const left = -halfWidth - MARGIN_MM;
  const top = -halfHeight - MARGIN_MM;
  const width = 2 * (halfWidth + MARGIN_MM);
  const height = 2 * (halfHeight + MARGIN_MM) + CAPTION_MM;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(width)}mm" ` +
      `height="${mm(height)}mm" viewBox="${mm(left)} ${mm(top)} ` +
      `${mm(width)} ${mm(height)}">`,
    `<title>${escapeSvgText(describeSheet(analysis))}</title>`,
    `<g fill="none" stroke="#222" stroke-width="${STROKE_MM}">`,
    ...shapes,
    '</g>',
    drawCaption(analysis, eyes, top + height - CAPTION_MM / 2),
    '</svg>',
    '',
  ].join('\n');
}

/** Escapes text for SVG content and attribute values. */
export function escapeSvgText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? '');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function placeEyes(
  analysis: OmaAnalysis,
  eyes: OmaEyeAnalysis[],
): Record<OmaSide, number> {
  const meanHbox =
    eyes.reduce((sum, eye) => sum + eye.geometry.hboxMm, 0) /
    Math.max(eyes.length, 1);
  const centreDistance =
    analysis.frame.framePdMm ?? meanHbox + FALLBACK_BRIDGE_MM;
  if (eyes.length < 2) return { right: 0, left: 0 };
  return { right: -centreDistance / 2, left: centreDistance / 2 };
}

function drawEye(
  eye: OmaEyeAnalysis,
  centreX: number,
  analysis: OmaAnalysis,
): string {
  const { geometry } = eye;
  const offset = geometry.boxCentreOffsetMm;
  // Sheet coordinates: box centre at (centreX, 0), y pointing down.
  const toSheet = (point: OmaPoint): OmaPoint => ({
    xMm: centreX + point.xMm - offset.xMm,
    yMm: -(point.yMm - offset.yMm),
  });
  const points = computeTracePoints(eye.radiiHundredthsMm, eye.anglesDeg);
  const path = points
    .map(toSheet)
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${mm(point.xMm)} ${mm(point.yMm)}`,
    )
    .join(' ');
  const box =
    `<rect x="${mm(centreX - geometry.hboxMm / 2)}" ` +
    `y="${mm(-geometry.vboxMm / 2)}" width="${mm(geometry.hboxMm)}" ` +
    `height="${mm(geometry.vboxMm)}" stroke="#888" stroke-dasharray="1 1"/>`;
  const holes = analysis.drillHoles
    .filter((hole) => hole.sides.includes(eye.side))
    .map((hole) => drawHole(hole, eye, centreX));

  return [
    `<g data-eye="${eye.side}">`,
    box,
    `<path d="${path} Z"/>`,
    ...holes,
    '</g>',
  ].join('\n');
}

/**
 * Drill positions are taken from the box centre. A hole given for both
 * eyes is mirrored for the left eye, as the left trace mirrors the right.
 */
function drawHole(hole: OmaDrillHole, eye: OmaEyeAnalysis, centreX: number) {
  const mirror = eye.side === 'left' && hole.sides.length > 1 ? -1 : 1;
  const start = {
    x: centreX + mirror * hole.startMm.xMm,
    y: -hole.startMm.yMm,
  };
  const end = { x: centreX + mirror * hole.endMm.xMm, y: -hole.endMm.yMm };
  if (start.x === end.x && start.y === end.y) {
    return (
      `<circle cx="${mm(start.x)}" cy="${mm(start.y)}" ` +
      `r="${mm(hole.diameterMm / 2)}" fill="#c33" stroke="none"/>`
    );
  }
  return (
    `<line x1="${mm(start.x)}" y1="${mm(start.y)}" x2="${mm(end.x)}" ` +
    `y2="${mm(end.y)}" stroke="#c33" stroke-linecap="round" ` +
    `stroke-width="${mm(hole.diameterMm)}"/>`
  );
}

function drawCaption(
  analysis: OmaAnalysis,
  eyes: OmaEyeAnalysis[],
  baselineY: number,
): string {
  const sizes = eyes.map(
    (eye) =>
      `${eye.side === 'right' ? 'R' : 'L'} ${eye.geometry.hboxMm.toFixed(2)} x ` +
      `${eye.geometry.vboxMm.toFixed(2)} mm`,
  );
  const bridge =
    analysis.frame.dblMm === null
      ? 'DBL unknown, spacing not to scale'
      : `DBL ${analysis.frame.dblMm.toFixed(2)} mm`;
  const text =
    eyes.length === 0 ? 'No readable trace' : [...sizes, bridge].join('   ');
  return (
    `<text x="0" y="${mm(baselineY)}" font-family="sans-serif" ` +
    `font-size="3.5" text-anchor="middle" fill="#222">` +
    `${escapeSvgText(text)}</text>`
  );
}

function describeSheet(analysis: OmaAnalysis): string {
  const job = analysis.producer.job;
  return job ? `Frame shape, job ${job}` : 'Frame shape';
}

function mm(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
