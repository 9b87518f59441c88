/** Locale of amounts in emails; the platform writes to its users in English. */
const MONEY_LOCALE = 'en-GB';

/** An amount in minor units (cents) as text with its currency: `€89.50`. */
export function formatMoney(amountCents: number, currency: string): string {
  const amount = amountCents / 100;
  try {
    return new Intl.NumberFormat(MONEY_LOCALE, {
      style: 'currency',
      currency,
    }).format(amount);
  } catch {
    // An unknown currency code must not stop the email from going out.
    return `${currency} ${amount.toFixed(2)}`;
  }
}
