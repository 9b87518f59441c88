/** RFC 2045 allows 76 characters per line, the soft break's `=` included. */
const MAX_LINE_CONTENT = 75;

/**
 * Encodes text as quoted-printable with CRLF line ends. Chosen over base64
 * so the development mailbox stays readable (and searchable) as plain files.
 */
export function encodeQuotedPrintable(text: string): string {
  return text.split(/\r?\n/).map(encodeLine).join('\r\n');
}

function encodeLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const tokens = [...bytes].map((byte, index) =>
    isLiteral(byte, index === bytes.length - 1)
      ? String.fromCharCode(byte)
      : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  );

  // Tokens are never split, so an =XX sequence stays on one line.
  const lines: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (current.length + token.length > MAX_LINE_CONTENT) {
      lines.push(`${current}=`);
      current = '';
    }
    current += token;
  }
  lines.push(current);
  return lines.join('\r\n');
}

// Printable ASCII except `=`; a space or tab only when something follows it
// on the line, since trailing whitespace may be stripped in transit.
function isLiteral(byte: number, isLast: boolean): boolean {
  if (byte === 0x20 || byte === 0x09) return !isLast;
  return byte >= 0x21 && byte <= 0x7e && byte !== 0x3d;
}
