/** 75 characters per encoded word (RFC 2047) leave room for 45 bytes. */
const MAX_WORD_BYTES = 45;

/**
 * Header text as RFC 5322 allows it: printable ASCII stays as it is,
 * anything else becomes UTF-8 encoded words, folded one word per line.
 */
export function encodeHeaderText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !value.includes('=?')) return value;

  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    const next = chunk + character;
    if (Buffer.byteLength(next, 'utf8') > MAX_WORD_BYTES) {
      words.push(toEncodedWord(chunk));
      chunk = character;
    } else {
      chunk = next;
    }
  }
  if (chunk) words.push(toEncodedWord(chunk));
  return words.join('\r\n ');
}

function toEncodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}
