import { renderDocumentPage } from './documentLayout.js';
import type { PatientDocumentView } from './documentView.js';
import { html } from './html.js';
import { renderPatientDetails } from './patientDetails.js';

const REFRACTION_COLUMNS = [
  'Sphere',
  'Cylinder',
  'Axis',
  'Add',
  'Prism',
  'Base',
  'Visual acuity',
];
const EYES = ['Right (OD)', 'Left (OS)'];
const MEASUREMENTS = [
  'Pupillary distance',
  'Intraocular pressure',
  'Near point',
];

/**
 * A blank examination form for one patient, printed to be filled in by hand.
 * The platform has no examination records yet, so every result cell is
 * empty; only the patient's details come from the database.
 */
export function renderExaminationFormHtml(view: PatientDocumentView): string {
  const headings = REFRACTION_COLUMNS.map((column) => html`<th>${column}</th>`);
  const blanks = REFRACTION_COLUMNS.map(() => html`<td></td>`);
  const eyes = EYES.map(
    (eye) =>
      html`<tr>
        <th>${eye}</th>
        ${blanks}
      </tr>`,
  );
  const measurements = MEASUREMENTS.map(
    (name) =>
      html`<tr>
        <th>${name}</th>
        <td></td>
        <td></td>
      </tr>`,
  );

  return renderDocumentPage({
    title: 'Examination form',
    reference: 'Eye examination',
    company: view.company,
    issuedAt: view.issuedAt,
    body: html`${renderPatientDetails(view.patient)}
      <section>
        <h2>Refraction</h2>
        <table class="grid">
          <thead>
            <tr>
              <th>Eye</th>
              ${headings}
            </tr>
          </thead>
          <tbody>
            ${eyes}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Measurements</h2>
        <table class="grid">
          <thead>
            <tr>
              <th></th>
              <th>Right (OD)</th>
              <th>Left (OS)</th>
            </tr>
          </thead>
          <tbody>
            ${measurements}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Notes</h2>
        <div class="notes"></div>
      </section>
      <div class="signatures">
        <div>Examiner</div>
        <div>Date</div>
      </div>`,
  });
}
