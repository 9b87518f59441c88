import type { ScenarioResult } from './runScenario.js';

const COLUMNS = [
  'scenario',
  'accepted',
  'expected',
  'completed',
  'duplicates',
  'lost',
  'stuck',
  'drain',
  'stores',
  'result',
] as const;

function formatDrain(drainMs: number | null): string {
  return drainMs === null ? 'not drained' : `${(drainMs / 1000).toFixed(1)} s`;
}

function formatStuck(stuck: number): string {
  return Number.isFinite(stuck) ? String(stuck) : 'unknown';
}

function toCells(result: ScenarioResult): string[] {
  const stores = Object.entries(result.stores)
    .map(([store, count]) => `${store} ${count}`)
    .join(', ');
  return [
    result.scenario,
    String(result.accepted),
    String(result.expectedJobs),
    String(result.completedJobs),
    String(result.duplicates),
    String(result.lost),
    formatStuck(result.stuck),
    formatDrain(result.drainMs),
    stores || '-',
    result.passed ? 'pass' : 'FAIL',
  ];
}

/** The one table `npm run chaos` ends with, then a line per remark. */
export function formatResultTable(results: readonly ScenarioResult[]): string {
  const rows = [[...COLUMNS], ...results.map(toCells)];
  const widths = COLUMNS.map((_, column) =>
    Math.max(...rows.map((row) => row[column]!.length)),
  );
  const lines = rows.map((row) =>
    row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | '),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const result of results) {
    for (const note of result.notes) lines.push(`${result.scenario}: ${note}`);
    for (const problem of result.problems) {
      lines.push(`${result.scenario}: PROBLEM ${problem}`);
    }
    if (result.logFolder) {
      lines.push(`${result.scenario}: logs kept in ${result.logFolder}`);
    }
  }
  return lines.join('\n');
}
