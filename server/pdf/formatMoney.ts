/**
 * Writes an amount held in minor units (cents) with its currency. A currency
 * code that `Intl` does not know is printed as a plain code after the amount
 * rather than failing the whole document.
 */
export function formatMoney(amountCents: number, currency: string): string {
  const amount = amountCents / 100;
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
