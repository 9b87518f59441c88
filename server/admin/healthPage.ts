import { html } from '../templates/html.js';
import { renderAdminPage } from './adminPage.js';
import {
  FAILED_SCAN_LIMIT,
  type PlatformQueueHealth,
  type QueueHealth,
} from './collectQueueHealth.js';

function formatAge(ageMs: number | null): string {
  if (ageMs === null) return '–';
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function formatFailed(count: number | null): string {
  if (count === null) return '–';
  return count >= FAILED_SCAN_LIMIT ? `${FAILED_SCAN_LIMIT}+` : String(count);
}

function renderRow(row: QueueHealth) {
  return html`<tr>
    <td>${row.queue}</td>
    <td>${row.store}</td>
    <td>${row.readable ? 'yes' : html`<span class="down">no</span>`}</td>
    <td>${row.counts?.waiting ?? '–'}</td>
    <td>${row.counts?.active ?? '–'}</td>
    <td>${row.counts?.delayed ?? '–'}</td>
    <td>${row.counts?.failed ?? '–'}</td>
    <td>${formatFailed(row.failedLastHour)}</td>
    <td>${formatAge(row.oldestWaitingAgeMs)}</td>
  </tr>`;
}

/** The operators' health page. */
export function renderHealthPage(health: PlatformQueueHealth): string {
  const { redis } = health;
  const warnings = redis.warnings.map((warning) => html`<li>${warning}</li>`);
  return renderAdminPage({
    title: 'Health',
    body: html`<h1>Health</h1>
      <p>New jobs go to the <strong>${health.storeInUse}</strong> store.</p>
      <p>
        Redis is
        ${
          redis.up
            ? html`<span class="up">up</span>`
            : html`<span class="down">down</span>`
        }
        since <time datetime="${redis.sinceAt}">${redis.sinceAt}</time>;
        failovers to PostgreSQL since start: ${redis.failovers}.
      </p>
      ${
        warnings.length > 0
          ? html`<ul class="error">
              ${warnings}
            </ul>`
          : ''
      }
      <table>
        <thead>
          <tr>
            <th>Queue</th>
            <th>Store</th>
            <th>Readable</th>
            <th>Waiting</th>
            <th>Active</th>
            <th>Delayed</th>
            <th>Failed</th>
            <th>Failed, last hour</th>
            <th>Oldest waiting</th>
          </tr>
        </thead>
        <tbody>
          ${health.queues.map(renderRow)}
        </tbody>
      </table>`,
  });
}
