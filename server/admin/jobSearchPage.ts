import { html } from '../templates/html.js';
import { QUEUE_NAMES } from '../queue/config.js';
import type { JobStatus } from '../queue/jobStatus.js';
import { renderAdminPage } from './adminPage.js';
import type { JobSearchQuery } from './jobSearchQuery.js';
import type { JobSearchPage } from './searchJobs.js';

function renderJobRow(job: JobStatus) {
  return html`<tr>
    <td><code>${job.id}</code></td>
    <td>${job.queue}</td>
    <td>${job.name}</td>
    <td>${job.state}</td>
    <td>${job.store ?? '–'}</td>
    <td>
      ${job.attemptsMade}${job.maxAttempts ? ` / ${job.maxAttempts}` : ''}
    </td>
    <td>${job.progress ? JSON.stringify(job.progress) : ''}</td>
    <td>${job.failedReason ?? ''}</td>
    <td>${job.createdAt}</td>
  </tr>`;
}

function field(name: keyof JobSearchQuery, label: string, value?: string) {
  return html`<label
    >${label} <input name="${name}" value="${value ?? ''}"
  /></label>`;
}

/** The search form and, once searched, its results. */
export function renderJobSearchPage(
  query: Partial<JobSearchQuery>,
  result?: JobSearchPage,
  problem?: string,
): string {
  const queueOptions = QUEUE_NAMES.map(
    (queue) =>
      html`<option
        value="${queue}"
        ${query.queue === queue ? html`selected` : ''}
      >
        ${queue}
      </option>`,
  );
  const next =
    result?.nextCursor &&
    new URLSearchParams({
      ...Object.fromEntries(
        Object.entries(query)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [
            key,
            value instanceof Date ? value.toISOString() : String(value),
          ]),
      ),
      cursor: result.nextCursor,
    }).toString();
  return renderAdminPage({
    title: 'Job search',
    body: html`<h1>Job search</h1>
      <form method="get" action="/admin/jobs">
        ${field('orderId', 'Order id', query.orderId)}
        ${field('companyId', 'Company id', query.companyId)}
        <label
          >Queue
          <select name="queue">
            <option value="">any</option>
            ${queueOptions}
          </select></label
        >
        ${field('name', 'Job name', query.name)}
        ${field('state', 'State', query.state)}
        ${field('from', 'Created from', query.from?.toISOString())}
        ${field('to', 'Created to', query.to?.toISOString())}
        <button type="submit">Search</button>
      </form>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
      ${
        result
          ? html`<table>
                <thead>
                  <tr>
                    <th>Job id</th>
                    <th>Queue</th>
                    <th>Name</th>
                    <th>State</th>
                    <th>Store</th>
                    <th>Attempts</th>
                    <th>Progress</th>
                    <th>Failure reason</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  ${result.jobs.map(renderJobRow)}
                </tbody>
              </table>
              <p>${result.jobs.length} job(s).</p>
              ${next ? html`<a href="/admin/jobs?${next}">Next page</a>` : ''}`
          : ''
      }`,
  });
}
