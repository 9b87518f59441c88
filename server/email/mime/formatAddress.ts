import { toSingleLine } from '../templates/toSingleLine.js';
import { encodeHeaderText } from './encodeHeaderText.js';

/**
 * An address for a header. `Name <address>` keeps its display name (quoted,
 * or encoded when it is not ASCII); a bare address is used as it is.
 */
export function formatAddress(address: string): string {
  const line = toSingleLine(address);
  const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
  if (!match) return line;

  const name = (match[1] ?? '').replace(/^"(.*)"$/, '$1').trim();
  const mailbox = match[2] ?? '';
  if (!name) return `<${mailbox}>`;
  return `${formatDisplayName(name)} <${mailbox}>`;
}

// Plain words go as they are; ASCII with specials (a comma, a dot) is
// quoted; anything else becomes encoded words.
function formatDisplayName(name: string): string {
  if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(name)) return name;
  const encoded = encodeHeaderText(name);
  if (encoded !== name) return encoded;
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** The domain of an address, for Message-ID values; `localhost` if none. */
export function readAddressDomain(address: string): string {
  const mailbox = /<([^<>]+)>/.exec(address)?.[1] ?? address;
  const domain = mailbox.split('@').pop()?.trim() ?? '';
  return /^[a-z0-9.-]+$/i.test(domain) ? domain.toLowerCase() : 'localhost';
}
