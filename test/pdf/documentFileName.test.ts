import { describe, expect, it } from 'vitest';
import { createDocumentFileName } from '../../server/pdf/documentFileName.js';

const JOB_ID = '5b0e7c1e-8a51-4f39-9d8c-1f2f0f6e1a11';

describe('createDocumentFileName', () => {
  it('joins type, order number and job id when the document is about an order', () => {
    expect(
      createDocumentFileName({
        type: 'invoice',
        orderNumber: 'IL-001001',
        jobId: JOB_ID,
      }),
    ).toBe(`invoice-IL-001001-${JOB_ID}.pdf`);
  });

  it('leaves the order number out when the document is about a patient', () => {
    expect(
      createDocumentFileName({ type: 'examination-form', jobId: JOB_ID }),
    ).toBe(`examination-form-${JOB_ID}.pdf`);
  });

  it('replaces path characters when an order number holds them', () => {
    const name = createDocumentFileName({
      type: 'receipt',
      orderNumber: '../../etc/passwd',
      jobId: JOB_ID,
    });

    expect(name).not.toContain('/');
    expect(name).not.toContain('..');
  });
});
