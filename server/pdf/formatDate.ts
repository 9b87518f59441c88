/**
 * Writes the calendar day of an instant as the company sees it. An unknown
 * time zone falls back to UTC rather than failing the whole document.
 */
export function formatDate(instant: Date, timeZone: string): string {
  try {
    return formatInZone(instant, timeZone);
  } catch {
    return formatInZone(instant, 'UTC');
  }
}

function formatInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(instant);
}
