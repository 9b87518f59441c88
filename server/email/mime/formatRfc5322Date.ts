/** A header date such as `Tue, 01 Jul 2025 09:30:00 +0000`. */
export function formatRfc5322Date(date: Date): string {
  // toUTCString gives the same layout with the obsolete `GMT` zone name.
  return date.toUTCString().replace(/GMT$/, '+0000');
}
