import { describe, expect, it } from 'vitest';
import { renderExaminationFormHtml } from '../../server/pdf/examinationFormTemplate.js';
import { renderInvoiceHtml } from '../../server/pdf/invoiceTemplate.js';
import { renderLabWorkTicketHtml } from '../../server/pdf/labWorkTicketTemplate.js';
import { renderOrderSheetHtml } from '../../server/pdf/orderSheetTemplate.js';
import { renderReceiptHtml } from '../../server/pdf/receiptTemplate.js';
import { createOrderView, createPatientView } from './sampleViews.js';

const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAK = '"><img src="http://127.0.0.1:9/x" onerror="x()">';

const hostileOrderView = createOrderView({
  patient: { firstName: SCRIPT, lastName: ATTRIBUTE_BREAK },
  companyName: `${SCRIPT} & Sons`,
  description: ATTRIBUTE_BREAK,
  carrier: SCRIPT,
});

const hostilePatientView = createPatientView(
  { firstName: SCRIPT, lastName: ATTRIBUTE_BREAK },
  `${SCRIPT} & Sons`,
);

type Render = (hostile: boolean) => string;

const TEMPLATES: [string, Render][] = [
  [
    'order-sheet',
    (hostile) =>
      renderOrderSheetHtml(hostile ? hostileOrderView : createOrderView()),
  ],
  [
    'lab-work-ticket',
    (hostile) =>
      renderLabWorkTicketHtml(hostile ? hostileOrderView : createOrderView()),
  ],
  [
    'invoice',
    (hostile) =>
      renderInvoiceHtml(hostile ? hostileOrderView : createOrderView()),
  ],
  [
    'receipt',
    (hostile) =>
      renderReceiptHtml(hostile ? hostileOrderView : createOrderView()),
  ],
  [
    'examination-form',
    (hostile) =>
      renderExaminationFormHtml(
        hostile ? hostilePatientView : createPatientView(),
      ),
  ],
];

function listTags(markup: string): string[] {
  return markup.match(/<[^>]*>/g) ?? [];
}

describe('document templates', () => {
  it.each(TEMPLATES)(
    'escapes markup in every value when rendering %s',
    (_name, render) => {
      const markup = render(true);

      expect(markup).not.toContain('<script');
      expect(markup).not.toContain('<img');
      expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(markup).toContain('&quot;&gt;&lt;img src=&quot;http');
      expect(markup).toContain('&amp; Sons');
    },
  );

  it.each(TEMPLATES)(
    'adds no element or attribute when values in %s hold markup',
    (_name, render) => {
      expect(listTags(render(true))).toEqual(listTags(render(false)));
    },
  );

  it.each(TEMPLATES)(
    'declares an A4 page and a content policy in %s',
    (_name, render) => {
      const markup = render(false);

      expect(markup).toContain('size: A4');
      expect(markup).toContain('default-src &#39;none&#39;');
    },
  );
});

describe('renderOrderSheetHtml', () => {
  it('shows the order number, patient, items and total when given an order', () => {
    const markup = renderOrderSheetHtml(createOrderView());

    expect(markup).toContain('IL-001234');
    expect(markup).toContain('Maria Lopez');
    expect(markup).toContain('Single vision lenses, pair');
    expect(markup).toContain('€89.50');
    expect(markup).toContain('€30.00');
    expect(markup).toContain('€119.50');
  });

  it('prints the date in the company time zone when it is past midnight there', () => {
    const view = createOrderView();
    view.order.createdAt = new Date('2025-06-01T22:30:00Z');

    expect(renderOrderSheetHtml(view)).toContain('2 June 2025');
  });
});

describe('renderLabWorkTicketHtml', () => {
  it('leaves prices out when printing the work for the lab', () => {
    const markup = renderLabWorkTicketHtml(createOrderView());

    expect(markup).toContain('Anti-reflective coating');
    expect(markup).not.toContain('€');
  });
});

describe('renderExaminationFormHtml', () => {
  it('prints the patient and an empty refraction grid when no results exist', () => {
    const markup = renderExaminationFormHtml(createPatientView());

    expect(markup).toContain('Maria Lopez');
    expect(markup).toContain('1984-03-12');
    expect(markup).toContain('Right (OD)');
    expect(markup).toContain('<td></td>');
  });
});
