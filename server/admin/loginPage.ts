import { html } from '../templates/html.js';
import { renderAdminPage } from './adminPage.js';

/** The login form; `problem` says why the last try was refused. */
export function renderLoginPage(problem?: string): string {
  return renderAdminPage({
    title: 'Log in',
    navigation: false,
    body: html`<h1>Log in</h1>
      <p>Paste the API token of a platform admin.</p>
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
      <form method="post" action="/admin/login">
        <label
          >API token
          <input
            name="token"
            type="password"
            autocomplete="off"
            required
            size="60"
        /></label>
        <button type="submit">Log in</button>
      </form>`,
  });
}
