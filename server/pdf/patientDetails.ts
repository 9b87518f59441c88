import type { DocumentPatient } from './documentView.js';
import { html, type SafeHtml } from '../templates/html.js';

/** The patient's full name as documents print it. */
export function formatPatientName(patient: DocumentPatient): string {
  return `${patient.firstName} ${patient.lastName}`;
}

/** A "Patient" section: name and, when known, date of birth. */
export function renderPatientDetails(
  patient: DocumentPatient,
  heading = 'Patient',
): SafeHtml {
  return html`<section>
    <h2>${heading}</h2>
    <dl class="fields">
      <dt>Name</dt>
      <dd>${formatPatientName(patient)}</dd>
      <dt>Date of birth</dt>
      <dd>${patient.dateOfBirth ?? 'Not recorded'}</dd>
    </dl>
  </section>`;
}
