import { describe, expect, it } from 'vitest';
import { buildAppLink } from '../../server/email/templates/buildAppLink.js';
import { escapeHtml } from '../../server/templates/escapeHtml.js';
import { formatMoney } from '../../server/email/templates/formatMoney.js';
import { renderDailyBriefingEmail } from '../../server/email/templates/renderDailyBriefingEmail.js';
import { renderGenericEmail } from '../../server/email/templates/renderGenericEmail.js';
// Namespace imports keep these long module paths within the line limit.
import * as connection from '../../server/email/templates/renderMarketplaceConnectionEmail.js';
import * as confirmation from '../../server/email/templates/renderOrderConfirmationEmail.js';
import { renderOrderShipmentEmail } from '../../server/email/templates/renderOrderShipmentEmail.js';
import { sanitizeSubject } from '../../server/email/templates/sanitizeSubject.js';

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';
const ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';
const BASE_URL = 'https://app.example.test';

function confirmationOf(overrides: { name?: string; description?: string }) {
  return confirmation.renderOrderConfirmationEmail({
    recipientName: overrides.name ?? 'Ada',
    orderNumber: 'ORD-1001',
    items: [
      {
        description: overrides.description ?? 'Single vision lenses, pair',
        quantity: 2,
        unitPriceCents: 8950,
        lineTotalCents: 17900,
      },
    ],
    totalCents: 17900,
    currency: 'EUR',
    orderUrl: `${BASE_URL}/orders/1`,
  });
}

describe('escapeHtml', () => {
  it('escapes every HTML special character when a value holds markup', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
  });

  it('leaves a value unchanged when it has no special characters', () => {
    expect(escapeHtml('Müller Optik 42')).toBe('Müller Optik 42');
  });
});

describe('renderOrderConfirmationEmail', () => {
  it('shows the order number, items and total when given an order', () => {
    const email = confirmationOf({});

    expect(email.subject).toBe('Order ORD-1001 confirmed');
    for (const body of [email.html, email.text]) {
      expect(body).toContain('ORD-1001');
      expect(body).toContain('Single vision lenses, pair');
      expect(body).toContain('€89.50');
      expect(body).toContain('€179.00');
    }
    expect(email.text).toContain(
      '2 x Single vision lenses, pair (€89.50 each): €179.00',
    );
    expect(email.html).toContain(`href="${BASE_URL}/orders/1"`);
  });

  it('escapes values in the HTML part when they hold markup', () => {
    const email = confirmationOf({ name: HOSTILE, description: HOSTILE });

    expect(email.html).not.toContain('<script>');
    expect(email.html.split(ESCAPED)).toHaveLength(3);
  });

  it('keeps values verbatim on one line in the text part', () => {
    const email = confirmationOf({
      name: `${HOSTILE}\r\nFake line`,
      description: 'Lens\nClick https://evil.test',
    });

    expect(email.text).toContain(`Hello ${HOSTILE} Fake line,`);
    expect(email.text).toContain(
      '2 x Lens Click https://evil.test (€89.50 each)',
    );
    expect(email.text).not.toContain('&lt;');
    expect(email.text).not.toMatch(/^Fake line/m);
  });
});

describe('renderOrderShipmentEmail', () => {
  it('escapes the carrier and tracking number when they hold markup', () => {
    const email = renderOrderShipmentEmail({
      recipientName: 'Sam',
      orderNumber: 'ORD-1002',
      carrier: HOSTILE,
      trackingNumber: '<b>1Z999</b>',
      orderUrl: `${BASE_URL}/orders/2`,
    });

    expect(email.subject).toBe('Order ORD-1002 has shipped');
    expect(email.html).toContain(ESCAPED);
    expect(email.html).toContain('&lt;b&gt;1Z999&lt;/b&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain(`Carrier: ${HOSTILE}`);
    expect(email.text).toContain('Tracking number: <b>1Z999</b>');
  });
});

describe('renderMarketplaceConnectionEmail', () => {
  it('names the requester and the connection id when it renders', () => {
    const email = connection.renderMarketplaceConnectionEmail({
      requesterCompanyName: 'Vision Lab <Nord>',
      targetCompanyName: 'Clear Sight',
      connectionId: 42,
      connectionUrl: `${BASE_URL}/marketplace/connections/42`,
    });

    expect(email.subject).toBe('Vision Lab <Nord> wants to connect');
    expect(email.html).toContain('Vision Lab &lt;Nord&gt;');
    expect(email.html).toContain('request number 42');
    expect(email.text).toContain('Vision Lab <Nord> asks to connect');
    expect(email.text).toContain(`${BASE_URL}/marketplace/connections/42`);
  });
});

describe('renderDailyBriefingEmail', () => {
  it('shows revenue per currency when the company sells in several', () => {
    const email = renderDailyBriefingEmail({
      recipientName: 'Ada',
      companyName: 'Test & Optics',
      date: '2025-07-01',
      orderCount: 3,
      revenue: [
        { currency: 'EUR', amountCents: 25000 },
        { currency: 'GBP', amountCents: 1050 },
      ],
      dashboardUrl: `${BASE_URL}/dashboard`,
    });

    expect(email.subject).toBe('Your briefing for Tuesday, 1 July 2025');
    expect(email.html).toContain('Test &amp; Optics');
    expect(email.text).toContain('- 3 orders');
    expect(email.text).toContain('- Revenue: €250.00 + £10.50');
  });

  it('tells the narrative, escaped, when the AI worker wrote one', () => {
    const email = renderDailyBriefingEmail({
      recipientName: 'Ada',
      companyName: 'Test Optics',
      date: '2025-07-01',
      orderCount: 0,
      revenue: [],
      narrative: 'A quiet day <b>indeed</b>.',
      dashboardUrl: `${BASE_URL}/dashboard`,
    });

    expect(email.html).toContain('A quiet day &lt;b&gt;indeed&lt;/b&gt;.');
    expect(email.text).toContain('A quiet day <b>indeed</b>.');
  });
});

describe('renderGenericEmail', () => {
  it('derives the text part from the markup when none was stored', () => {
    const email = renderGenericEmail({
      subject: 'Password changed\r\nBcc: someone@example.test',
      html: '<p>Your password was changed.</p><p>Tom &amp; Jerry</p>',
    });

    expect(email.subject).toBe('Password changed Bcc: someone@example.test');
    expect(email.text).toBe('Your password was changed.\nTom & Jerry');
  });
});

describe('sanitizeSubject', () => {
  it('removes CR, LF and other controls when a value holds them', () => {
    expect(sanitizeSubject('Order 1\r\n\r\nX-Evil: yes\u0000')).toBe(
      'Order 1 X-Evil: yes',
    );
  });

  it('cuts a subject when it is longer than 200 characters', () => {
    const subject = sanitizeSubject('a'.repeat(500));
    expect(subject).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('formatMoney', () => {
  it('formats cents with the symbol when the currency is known', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
  });

  it('falls back to the code when the currency is unknown', () => {
    expect(formatMoney(1050, 'NOPE')).toBe('NOPE 10.50');
  });
});

describe('buildAppLink', () => {
  it('keeps the base path and encodes segments when both need it', () => {
    expect(buildAppLink('https://example.test/app', ['orders', 'a/b?c'])).toBe(
      'https://example.test/app/orders/a%2Fb%3Fc',
    );
  });
});
