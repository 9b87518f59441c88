import type { companies, orders, patients } from '../db/schema.js';

type CompanyRow = typeof companies.$inferSelect;
type PatientRow = typeof patients.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

/** The company a document is issued by. */
export type DocumentCompany = Pick<CompanyRow, 'name' | 'timeZone'>;

/** The patient a document is about. */
export type DocumentPatient = Pick<
  PatientRow,
  'firstName' | 'lastName' | 'dateOfBirth'
>;

/** The order fields that order documents print. */
export type DocumentOrder = Pick<
  OrderRow,
  | 'orderNumber'
  | 'status'
  | 'items'
  | 'currency'
  | 'totalCents'
  | 'createdAt'
  | 'carrier'
  | 'trackingNumber'
>;

/** Everything a patient document (examination form) prints. */
export interface PatientDocumentView {
  company: DocumentCompany;
  patient: DocumentPatient;
  issuedAt: Date;
}

/** Everything an order document (sheet, ticket, invoice, receipt) prints. */
export interface OrderDocumentView extends PatientDocumentView {
  order: DocumentOrder;
}
