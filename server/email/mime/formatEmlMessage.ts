import { encodeHeaderText } from './encodeHeaderText.js';
import { encodeQuotedPrintable } from './encodeQuotedPrintable.js';
import { formatAddress } from './formatAddress.js';
import { formatRfc5322Date } from './formatRfc5322Date.js';

/** Everything an .eml file holds. */
export interface EmlMessage {
  from: string;
  to: readonly string[];
  subject: string;
  html: string;
  text: string;
  /** Without angle brackets: `abc@example.com`. */
  messageId: string;
  date: Date;
  /** Must not occur in either body; `=_` never does in quoted-printable. */
  boundary: string;
}

/**
 * One RFC 5322 message with CRLF line ends: the headers, then a
 * multipart/alternative body with the text part first, as clients prefer
 * the last part they can show.
 */
export function formatEmlMessage(message: EmlMessage): string {
  const headers = [
    `From: ${formatAddress(message.from)}`,
    `To: ${message.to.map(formatAddress).join(',\r\n ')}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${formatRfc5322Date(message.date)}`,
    `Message-ID: <${message.messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${message.boundary}"`,
  ];
  const parts = [
    formatPart('text/plain', message.text),
    formatPart('text/html', message.html),
  ];

  return [
    ...headers,
    '',
    ...parts.flatMap((part) => [`--${message.boundary}`, part]),
    `--${message.boundary}--`,
    '',
  ].join('\r\n');
}

function formatPart(contentType: string, body: string): string {
  return [
    `Content-Type: ${contentType}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(body),
  ].join('\r\n');
}
