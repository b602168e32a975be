// Request URLs on the Code42 API gateway: the configured base URL (normalized) plus a path and a query. Which base
// URLs an instance uses (console.X <-> api.X) is the configuration's business (src/config.ts).

/** `https://` is assumed when no scheme is given; the trailing slash is dropped. */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const parsed = new URL(withScheme);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/** Base URL + path + query; array values repeat the parameter, undefined values are left out. */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  const url = new URL(normalizeBaseUrl(baseUrl) + (path.startsWith('/') ? path : `/${path}`));
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}
