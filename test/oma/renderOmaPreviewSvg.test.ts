import { describe, expect, it } from 'vitest';
import { analyseOmaFile } from '../../server/oma/analyseOmaFile.js';
import {
  escapeSvgText,
  renderOmaPreviewSvg,
} from '../../server/oma/renderOmaPreviewSvg.js';
import { buildEllipseFile } from './fixtures/buildOmaFixture.js';

function readNumbers(svg: string, pattern: RegExp): number[] {
  const match = pattern.exec(svg);
  return (match?.slice(1) ?? []).map(Number);
}

describe('renderOmaPreviewSvg', () => {
  it('draws both eyes to scale in millimetres, centres one frame PD apart', () => {
    const analysis = analyseOmaFile(buildEllipseFile(['DBL=18.00']));
    const svg = renderOmaPreviewSvg(analysis);
    const rects = [
      ...svg.matchAll(/<rect x="([-\d.]+)" y="[-\d.]+" width="([\d.]+)"/g),
    ];
    const centres = rects.map(([, x, width]) => Number(x) + Number(width) / 2);
    const [width, height] = readNumbers(
      svg,
      /width="([\d.]+)mm" height="([\d.]+)mm"/,
    );
    const viewBox = readNumbers(
      svg,
      /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/,
    );

    expect(rects).toHaveLength(2);
    expect(Number(rects[0]?.[2])).toBeCloseTo(
      analysis.eyes.right?.geometry.hboxMm ?? 0,
      2,
    );
    expect((centres[1] ?? 0) - (centres[0] ?? 0)).toBeCloseTo(
      analysis.frame.framePdMm ?? 0,
      2,
    );
    expect([width, height]).toEqual(viewBox);
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
  });

  it('draws each DRILLE hole, mirrored for the left eye when given for both', () => {
    const analysis = analyseOmaFile(
      buildEllipseFile([
        'DBL=18.00',
        'DRILLE=B;C;-20.00;3.00;1.40;-20.00;3.00;0;1;F',
      ]),
    );
    const svg = renderOmaPreviewSvg(analysis);
    const circles = [
      ...svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"/g),
    ];
    const pd = analysis.frame.framePdMm ?? 0;

    expect(circles).toHaveLength(2);
    expect(Number(circles[0]?.[1])).toBeCloseTo(-pd / 2 - 20, 2);
    expect(Number(circles[1]?.[1])).toBeCloseTo(pd / 2 + 20, 2);
    // +y of the trace is up, so 3 mm above the box centre is y = -3.
    expect(circles.map(([, , cy, r]) => [Number(cy), Number(r)])).toEqual([
      [-3, 0.7],
      [-3, 0.7],
    ]);
  });

  it('escapes text taken from the file', () => {
    const analysis = analyseOmaFile(buildEllipseFile(['VEN=X']));
    analysis.producer.job = '<script>&"\'';

    const svg = renderOmaPreviewSvg(analysis);

    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&#39;');
  });

  it('says when no trace could be drawn', () => {
    const analysis = analyseOmaFile(
      Buffer.from('JOB=1\nTRCFMT=6;2;E;R;F\nR=AB\n'),
    );

    expect(renderOmaPreviewSvg(analysis)).toContain('No readable trace');
  });
});

describe('escapeSvgText', () => {
  it('replaces the five XML special characters', () => {
    expect(escapeSvgText(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
  });
});
