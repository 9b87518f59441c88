// C0 controls (CR and LF among them), DEL and C1 controls, plus the Unicode
// line and paragraph separators that some mail clients also break on.
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Collapses line breaks and other control characters into one space, so a
 * value can neither start a new header line nor fake extra lines of text.
 */
export function toSingleLine(value: string): string {
  return value.replace(CONTROL_RUN, ' ').trim();
}
