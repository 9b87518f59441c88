/** A rendered message, ready for a transport. */
export interface EmailContent {
  /** One line: free of CR, LF and other control characters. */
  subject: string;
  html: string;
  text: string;
}
