// Instance configuration: the XSOAR instance parameters of seed 003 under their XSOAR names.
// TODO(issue 2): loading from env / --config file, validation, console<->api URL derivation.

export interface Credentials {
  /** API client id (`key-...`). */
  identifier: string;
  /** API client secret: never logged, never printed. */
  password: string;
}

export interface InstanceConfig {
  /** Console URL, e.g. https://console.us.code42.com (derived from api_url when not given). */
  console_url: string;
  /** API gateway URL, e.g. https://api.us.code42.com (derived from console_url when not given). */
  api_url: string;
  credentials: Credentials;
  insecure: boolean;
  proxy: boolean;
  /** Risk severities to fetch (Critical, High, Moderate, Low); empty = all. */
  alert_severity: string[];
  first_fetch: string;
  max_fetch: number;
  include_files: boolean;
  incidentType: string;
  /** Minutes of overlap for late-indexed alerts. */
  fetch_lookback: number;
  /** Minutes between scheduled fetches. */
  incidentFetchInterval: number;
  /** True when no credentials were configured and the embedded simulator serves the API. */
  demo: boolean;
}
