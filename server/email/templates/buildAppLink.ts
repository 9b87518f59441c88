/**
 * An absolute link into the web app. Each path segment is encoded, so an
 * identifier can never change which page the link opens.
 */
export function buildAppLink(
  publicBaseUrl: string,
  segments: readonly (string | number)[],
): string {
  const path = segments
    .map((segment) => encodeURIComponent(String(segment)))
    .join('/');
  return new URL(path, withTrailingSlash(publicBaseUrl)).toString();
}

// Without the slash, URL resolution would drop the base's last segment
// (https://example.com/app + orders/1 -> https://example.com/orders/1).
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
