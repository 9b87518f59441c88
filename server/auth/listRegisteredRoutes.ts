import type { Express } from 'express';

/** A route as Express registered it: method and full path. */
export interface RegisteredRoute {
  /** Upper case; `USE` for a mounted sub-application. */
  method: string;
  path: string;
}

/*
 * The shape of Express 5's router internals (the `router` package, 2.x)
 * that this walk reads. A layer is a route (has `route`), a nested router
 * (its handle has a `stack`), a mounted sub-application (listed as one
 * `USE` entry: what it serves is its own business) or a plain middleware,
 * which is skipped: a handler that answers requests must be registered as
 * a route so that it appears in the list.
 */
interface RouterLayer {
  name?: string;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[]; handle?: unknown; set?: unknown };
}

/**
 * A sub-application: `app.use` wraps one as `mounted_app`; `router.use`
 * keeps the Express app itself as the handle (bull-board ships one).
 */
function isSubApplication(layer: RouterLayer): boolean {
  if (layer.name === 'mounted_app') return true;
  const handle = layer.handle;
  return (
    typeof handle?.handle === 'function' && typeof handle.set === 'function'
  );
}

function joinPaths(prefix: string, path: unknown): string {
  const part = String(path ?? '/');
  const joined = `${prefix}${part === '/' ? '' : part}`;
  return joined || '/';
}

function walk(
  stack: RouterLayer[],
  prefix: string,
  out: RegisteredRoute[],
): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = joinPaths(prefix, layer.route.path);
      for (const [method, enabled] of Object.entries(layer.route.methods)) {
        if (!enabled) continue;
        out.push({
          method: method === '_all' ? 'ALL' : method.toUpperCase(),
          path,
        });
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, joinPaths(prefix, layer.rawPath), out);
    } else if (isSubApplication(layer)) {
      out.push({ method: 'USE', path: joinPaths(prefix, layer.rawPath) });
    }
  }
}

/**
 * Every route the app answers, nested routers included, in registration
 * order. Paths given as arrays or regular expressions appear as their
 * string form, which no table entry will match by accident.
 */
export function listRegisteredRoutes(app: Express): RegisteredRoute[] {
  const router = (app as unknown as { router: { stack: RouterLayer[] } })
    .router;
  const routes: RegisteredRoute[] = [];
  walk(router.stack, '', routes);
  return routes;
}
