import type {
  OrderDocumentView,
  PatientDocumentView,
} from '../../server/pdf/documentView.js';

/** A patient document view with harmless values unless overridden. */
export function createPatientView(
  patient: Partial<PatientDocumentView['patient']> = {},
  companyName = 'Clear View Optics',
): PatientDocumentView {
  return {
    company: { name: companyName, timeZone: 'Europe/Berlin' },
    patient: {
      firstName: 'Maria',
      lastName: 'Lopez',
      dateOfBirth: '1984-03-12',
      ...patient,
    },
    issuedAt: new Date('2025-06-02T09:30:00Z'),
  };
}

/** An order document view of two lines, with values easy to spot. */
export function createOrderView(
  overrides: {
    patient?: Partial<PatientDocumentView['patient']>;
    companyName?: string;
    description?: string;
    carrier?: string;
  } = {},
): OrderDocumentView {
  return {
    ...createPatientView(overrides.patient, overrides.companyName),
    order: {
      orderNumber: 'IL-001234',
      status: 'pending',
      currency: 'EUR',
      totalCents: 11950,
      createdAt: new Date('2025-06-01T15:00:00Z'),
      carrier: overrides.carrier ?? null,
      trackingNumber: null,
      items: [
        {
          description: overrides.description ?? 'Single vision lenses, pair',
          quantity: 1,
          unitPriceCents: 8950,
          lineTotalCents: 8950,
        },
        {
          description: 'Anti-reflective coating',
          quantity: 2,
          unitPriceCents: 1500,
          lineTotalCents: 3000,
        },
      ],
    },
  };
}
