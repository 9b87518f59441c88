import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../server/templates/escapeHtml.js';
import { html, SafeHtml } from '../../server/templates/html.js';

describe('escapeHtml', () => {
  it('replaces every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves text without special characters unchanged', () => {
    expect(escapeHtml('Müller, 2 × 3.50 €')).toBe('Müller, 2 × 3.50 €');
  });
});

describe('html', () => {
  it('escapes interpolated strings and numbers when building markup', () => {
    const markup = html`<p title="${'"><script>'}">${'<b>'}${42}</p>`;

    expect(markup.markup).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;42</p>',
    );
  });

  it('keeps nested fragments and joins arrays when they are SafeHtml', () => {
    const items = ['<i>', 'b'].map((text) => html`<li>${text}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`;

    // Prettier lays out html`` templates; whitespace between tags is layout.
    expect(list.markup.replace(/>\s+</g, '><')).toBe(
      '<ul><li>&lt;i&gt;</li><li>b</li></ul>',
    );
  });

  it('prints nothing for null and undefined', () => {
    expect(html`[${null}${undefined}]`.markup).toBe('[]');
  });

  it('escapes objects that only look like SafeHtml', () => {
    const forged = { markup: '<script>' } as unknown as SafeHtml;

    expect(html`${forged}`.markup).not.toContain('<script>');
  });
});
