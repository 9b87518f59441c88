/** Directives as helmet takes them: name to list of sources. */
export type CspDirectives = Record<string, string[]>;

/** A Content-Security-Policy for every path under `pathPrefix`. */
export interface PathContentSecurityPolicy {
  /** `/admin` matches `/admin` and `/admin/...`, not `/administrator`. */
  pathPrefix: string;
  directives: CspDirectives;
}

/**
 * The API answers JSON and PDF files, never pages: nothing it sends may load
 * anything, run anything or be framed.
 */
export const API_CONTENT_SECURITY_POLICY: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Paths that serve HTML pages and need a wider policy than the API's, the
 * longest prefix first. A page area (the /admin dashboard) adds its entry
 * here, as narrow as its pages allow; every other path keeps the API policy.
 */
export const PATH_CONTENT_SECURITY_POLICIES: PathContentSecurityPolicy[] = [];
