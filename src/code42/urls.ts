// Code42 base URLs: the console host (`console.X`) and the API gateway (`api.X`) of one region derive from
// each other (architecture.md §2.1); any other host serves both (the simulator, a proxy in front of Code42).

/** `https://` is assumed when no scheme is given; the trailing slash is dropped. */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const parsed = new URL(withScheme);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

function swapHostPrefix(url: string, from: string, to: string): string {
  const parsed = new URL(normalizeBaseUrl(url));
  if (parsed.hostname.toLowerCase().startsWith(from)) parsed.hostname = to + parsed.hostname.slice(from.length);
  return normalizeBaseUrl(parsed.toString());
}

/** `console.us.code42.com` -> `https://api.us.code42.com`; other hosts are returned unchanged (normalized). */
export const apiUrlFromConsoleUrl = (consoleUrl: string): string => swapHostPrefix(consoleUrl, 'console.', 'api.');

/** `api.us.code42.com` -> `https://console.us.code42.com`; other hosts are returned unchanged (normalized). */
export const consoleUrlFromApiUrl = (apiUrl: string): string => swapHostPrefix(apiUrl, 'api.', 'console.');

/** Both base URLs from whichever were given; throws when neither was. */
export function resolveBaseUrls(urls: { apiUrl?: string; consoleUrl?: string }): { apiUrl: string; consoleUrl: string } {
  const apiUrl = urls.apiUrl?.trim() || undefined;
  const consoleUrl = urls.consoleUrl?.trim() || undefined;
  if (apiUrl && consoleUrl) return { apiUrl: normalizeBaseUrl(apiUrl), consoleUrl: normalizeBaseUrl(consoleUrl) };
  if (apiUrl) return { apiUrl: normalizeBaseUrl(apiUrl), consoleUrl: consoleUrlFromApiUrl(apiUrl) };
  if (consoleUrl) return { apiUrl: apiUrlFromConsoleUrl(consoleUrl), consoleUrl: normalizeBaseUrl(consoleUrl) };
  throw new Error('A Code42 console URL or API URL is required.');
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
