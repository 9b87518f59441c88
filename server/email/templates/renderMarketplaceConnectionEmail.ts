import type { EmailContent } from './emailContent.js';
import { html } from '../../templates/html.js';
import { plainText } from './plainText.js';
import { renderEmailLayout } from './renderEmailLayout.js';
import { sanitizeSubject } from './sanitizeSubject.js';

/** What the connection request shows to the target company's admins. */
export interface MarketplaceConnectionInput {
  requesterCompanyName: string;
  targetCompanyName: string;
  connectionId: number;
  connectionUrl: string;
}

/** Asks a company's admins to answer another company's connection request. */
export function renderMarketplaceConnectionEmail(
  input: MarketplaceConnectionInput,
): EmailContent {
  const title = `${input.requesterCompanyName} wants to connect`;

  const body = html`<p>Hello,</p>
    <p>
      <strong>${input.requesterCompanyName}</strong> asks to connect with
      ${input.targetCompanyName} on the IntegratedLens marketplace.
    </p>
    <p>Connection request number ${input.connectionId}.</p>
    <p><a href="${input.connectionUrl}">Review the request</a></p> `;

  const textLines = [
    'Hello,',
    '',
    plainText`${input.requesterCompanyName} asks to connect with ${input.targetCompanyName}`,
    'on the IntegratedLens marketplace.',
    plainText`Connection request number ${input.connectionId}.`,
    '',
    plainText`Review the request: ${input.connectionUrl}`,
  ];

  const rendered = renderEmailLayout({ title, body, textLines });
  return { subject: sanitizeSubject(title), ...rendered };
}
