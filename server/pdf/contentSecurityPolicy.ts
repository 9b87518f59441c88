/**
 * Policy for every rendered document: inline styles only. Images, fonts,
 * frames, scripts, forms and every URL scheme (data: and file: included) are
 * refused by the browser before any request is made.
 */
export const DOCUMENT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
