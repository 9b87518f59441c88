import type { EyeExamination } from '../../shared/api/examinationRequests.js';
import { renderDocumentPage } from './documentLayout.js';
import type { PatientDocumentView } from './documentView.js';
import { html, type HtmlValue } from '../templates/html.js';
import { renderPatientDetails } from './patientDetails.js';

/** The stored examination a form prints; absent for a blank form. */
export interface ExaminationDocument {
  examinedOn: string;
  examiner: string;
  rightEye: EyeExamination;
  leftEye: EyeExamination;
  pupillaryDistanceMm: number | null;
  notes: string | null;
}

/** A patient's form, filled in from an examination when there is one. */
export interface ExaminationFormView extends PatientDocumentView {
  examination?: ExaminationDocument;
}

/** Dioptres as opticians write them: sign and two decimals (+1.25). */
function formatDioptres(value: number | undefined): string {
  if (value === undefined) return '';
  return `${value >= 0 ? '+' : '-'}${Math.abs(value).toFixed(2)}`;
}

function formatPrism(eye: EyeExamination): string {
  if (!eye.prism) return '';
  return `${eye.prism.toFixed(2)} Δ`;
}

/** The cells of one eye's refraction row, in column order. */
const REFRACTION_COLUMNS: [string, (eye: EyeExamination) => string][] = [
  ['Sphere', (eye) => formatDioptres(eye.sphere)],
  ['Cylinder', (eye) => formatDioptres(eye.cylinder)],
  ['Axis', (eye) => (eye.axis === undefined ? '' : `${eye.axis}°`)],
  ['Add', (eye) => formatDioptres(eye.add)],
  ['Prism', formatPrism],
  ['Base', (eye) => eye.prismBase ?? ''],
  ['Visual acuity', (eye) => eye.visualAcuity ?? ''],
];

function renderRefraction(examination?: ExaminationDocument) {
  const headings = REFRACTION_COLUMNS.map(([name]) => html`<th>${name}</th>`);
  const eyes: [string, EyeExamination | undefined][] = [
    ['Right (OD)', examination?.rightEye],
    ['Left (OS)', examination?.leftEye],
  ];
  const rows = eyes.map(
    ([label, eye]) =>
      html`<tr>
        <th>${label}</th>
        ${REFRACTION_COLUMNS.map(
          ([, format]) => html`<td>${eye ? format(eye) : ''}</td>`,
        )}
      </tr>`,
  );
  return html`<section>
    <h2>Refraction</h2>
    <table class="grid">
      <thead>
        <tr>
          <th>Eye</th>
          ${headings}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function renderMeasurements(examination?: ExaminationDocument) {
  const pressure = (eye?: EyeExamination) =>
    eye?.intraocularPressureMmHg === undefined
      ? ''
      : `${eye.intraocularPressureMmHg} mmHg`;
  const distance =
    examination?.pupillaryDistanceMm == null
      ? ''
      : `${examination.pupillaryDistanceMm} mm`;
  const row = (name: string, cells: HtmlValue) =>
    html`<tr>
      <th>${name}</th>
      ${cells}
    </tr>`;
  return html`<section>
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
        ${row('Pupillary distance', html`<td colspan="2">${distance}</td>`)}
        ${row(
          'Intraocular pressure',
          html`<td>${pressure(examination?.rightEye)}</td>
            <td>${pressure(examination?.leftEye)}</td>`,
        )}
        ${row(
          'Near point',
          html`<td></td>
            <td></td>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/**
 * The examination form of one patient: the stored examination's findings
 * when the job names one, otherwise a blank form to fill in by hand.
 */
export function renderExaminationFormHtml(view: ExaminationFormView): string {
  const examination = view.examination;
  return renderDocumentPage({
    title: 'Examination form',
    reference: examination
      ? `Eye examination of ${examination.examinedOn}`
      : 'Eye examination',
    company: view.company,
    issuedAt: view.issuedAt,
    body: html`${renderPatientDetails(view.patient)}
      ${renderRefraction(examination)} ${renderMeasurements(examination)}
      <section>
        <h2>Notes</h2>
        <div class="notes">${examination?.notes ?? ''}</div>
      </section>
      <div class="signatures">
        <div>Examiner ${examination?.examiner ?? ''}</div>
        <div>Date ${examination?.examinedOn ?? ''}</div>
      </div>`,
  });
}
