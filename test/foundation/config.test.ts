// Instance configuration: env vars, config files (JSON and YAML), aliases, URL derivation, validation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig, redactConfig, withEndpoints } from '../../src/config';

const SECRET = 'sup3r-s3cret-value-9f8e7d';
const dir = mkdtempSync(join(tmpdir(), 'code42-soar-config-'));
let fileCount = 0;

function configFile(extension: 'json' | 'yaml' | 'yml', text: string): string {
  const file = join(dir, `config-${++fileCount}.${extension}`);
  writeFileSync(file, text);
  return file;
}

/** The ConfigError sentence loadConfig throws for these options. */
function configError(options: Parameters<typeof loadConfig>[0]): string {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('loadConfig accepted the configuration');
}

const credentialsEnv = { CODE42_CLIENT_ID: 'key-123', CODE42_CLIENT_SECRET: SECRET };

describe('defaults', () => {
  test('no configuration at all is demo mode with the documented defaults', () => {
    expect(redactConfig(loadConfig({ env: {} }))).toEqual({
      console_url: 'https://console.us.code42.com',
      api_url: 'https://api.us.code42.com',
      credentials: { identifier: '', password: '' },
      insecure: false,
      proxy: false,
      alert_severity: [],
      first_fetch: '24 hours',
      max_fetch: 10,
      include_files: false,
      incidentType: 'Code42 Security Alert',
      fetch_lookback: 5,
      incidentFetchInterval: 1,
      v2_events: true,
      high_risk_watchlist_title: 'High Risk Employees',
      demo: true,
    });
  });

  test('environment variables set to "" count as unset', () => {
    expect(loadConfig({ env: { CODE42_CLIENT_ID: '', CODE42_CLIENT_SECRET: ' ', CODE42_MAX_FETCH: '' } })).toMatchObject({ demo: true, max_fetch: 10 });
  });
});

describe('environment variables', () => {
  test('every parameter is read from its CODE42_* variable', () => {
    const config = loadConfig({
      env: {
        ...credentialsEnv,
        CODE42_CONSOLE_URL: 'https://console.eu5.code42.com',
        CODE42_API_URL: 'https://api.eu5.code42.com',
        CODE42_INSECURE: 'yes',
        CODE42_PROXY: 'TRUE',
        CODE42_ALERT_SEVERITY: 'high, Critical',
        CODE42_FIRST_FETCH: '3 days',
        CODE42_MAX_FETCH: '50',
        CODE42_INCLUDE_FILES: 'true',
        CODE42_INCIDENT_TYPE: 'Insider Risk',
        CODE42_FETCH_LOOKBACK: '10',
        CODE42_FETCH_INTERVAL: '3',
        CODE42_V2_EVENTS: 'false',
        CODE42_HIGH_RISK_WATCHLIST_TITLE: ' Insider Watch ',
      },
    });
    expect(redactConfig(config)).toEqual({
      console_url: 'https://console.eu5.code42.com',
      api_url: 'https://api.eu5.code42.com',
      credentials: { identifier: 'key-123', password: '[REDACTED]' },
      insecure: true,
      proxy: true,
      alert_severity: ['High', 'Critical'],
      first_fetch: '3 days',
      max_fetch: 50,
      include_files: true,
      incidentType: 'Insider Risk',
      fetch_lookback: 10,
      incidentFetchInterval: 3,
      v2_events: false,
      high_risk_watchlist_title: 'Insider Watch',
      demo: false,
    });
    expect(config.credentials.password).toBe(SECRET);
  });
});

describe('config files', () => {
  test('a JSON file holds the XSOAR parameter names', () => {
    const keptAsGiven = {
      credentials: { identifier: 'key-json', password: SECRET },
      alert_severity: ['Low', 'Moderate'],
      max_fetch: 25,
      include_files: true,
      incidentType: 'Code42 Alert',
    };
    const file = configFile('json', JSON.stringify({ ...keptAsGiven, console_url: 'console.us2.code42.com', incidentFetchInterval: '5' }));
    expect(loadConfig({ file, env: {} })).toMatchObject({
      ...keptAsGiven,
      console_url: 'https://console.us2.code42.com',
      api_url: 'https://api.us2.code42.com',
      incidentFetchInterval: 5,
      demo: false,
    });
  });

  test('a YAML file holds the same names', () => {
    const file = configFile(
      'yaml',
      ['api_url: https://api.us.code42.com', 'credentials:', '  identifier: key-yaml', `  password: ${SECRET}`, 'insecure: false', 'proxy: true', 'first_fetch: 12 hours', 'fetch_lookback: 0'].join('\n'),
    );
    expect(loadConfig({ file, env: {} })).toMatchObject({
      console_url: 'https://console.us.code42.com',
      credentials: { identifier: 'key-yaml' },
      proxy: true,
      first_fetch: '12 hours',
      fetch_lookback: 0,
    });
  });

  test('first_fetch takes an ISO date or epoch seconds as well as a time range', () => {
    expect(loadConfig({ env: { CODE42_FIRST_FETCH: '2024-05-01' } }).first_fetch).toBe('2024-05-01');
    expect(loadConfig({ env: { CODE42_FIRST_FETCH: '1709251200' } }).first_fetch).toBe('1709251200');
  });

  test('the official integration names fetch_time and fetch_limit are accepted', () => {
    const file = configFile('yml', 'fetch_time: 30 minutes\nfetch_limit: "7"\n');
    expect(loadConfig({ file, env: {} })).toMatchObject({ first_fetch: '30 minutes', max_fetch: 7 });
  });

  test('a name and its alias together are refused', () => {
    const file = configFile('yaml', 'first_fetch: 1 day\nfetch_time: 2 days\n');
    expect(configError({ file, env: {} })).toBe(`config file ${file} sets both first_fetch and fetch_time; keep only one of them.`);
  });

  test('environment variables win over the file', () => {
    const file = configFile('yaml', 'max_fetch: 20\nincidentType: From File\n');
    expect(loadConfig({ file, env: { CODE42_MAX_FETCH: '30' } })).toMatchObject({ max_fetch: 30, incidentType: 'From File' });
  });

  test('overrides win over environment variables', () => {
    expect(loadConfig({ env: { CODE42_MAX_FETCH: '30' }, overrides: { max_fetch: 40 } }).max_fetch).toBe(40);
  });

  test('an empty file is an empty configuration', () => {
    expect(loadConfig({ file: configFile('yaml', ''), env: {} }).demo).toBe(true);
  });
});

describe('console and API URL derivation', () => {
  test.each([
    [{ CODE42_CONSOLE_URL: 'https://console.us.code42.com' }, 'https://console.us.code42.com', 'https://api.us.code42.com'],
    [{ CODE42_CONSOLE_URL: 'console.eu5.code42.com/' }, 'https://console.eu5.code42.com', 'https://api.eu5.code42.com'],
    [{ CODE42_API_URL: 'https://api.gov.code42.com' }, 'https://console.gov.code42.com', 'https://api.gov.code42.com'],
    [{ CODE42_API_URL: 'api.us2.code42.com' }, 'https://console.us2.code42.com', 'https://api.us2.code42.com'],
    [{ CODE42_CONSOLE_URL: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    [{ CODE42_API_URL: 'https://code42.internal.example' }, 'https://code42.internal.example', 'https://code42.internal.example'],
    [{ CODE42_CONSOLE_URL: 'http://console.localhost:3000' }, 'http://console.localhost:3000', 'http://api.localhost:3000'],
    [{ CODE42_CONSOLE_URL: 'https://console.us.code42.com/app/#/alerts' }, 'https://console.us.code42.com', 'https://api.us.code42.com'],
    [{ CODE42_CONSOLE_URL: 'https://console.a.example', CODE42_API_URL: 'https://gateway.b.example' }, 'https://console.a.example', 'https://gateway.b.example'],
  ])('%j gives console %s and api %s', (env, consoleUrl, apiUrl) => {
    expect(loadConfig({ env: { ...credentialsEnv, ...env } })).toMatchObject({ console_url: consoleUrl, api_url: apiUrl });
  });
});

describe('validation: one sentence naming the parameter and what is accepted', () => {
  test.each([
    [{ CODE42_MAX_FETCH: '0' }, 'max_fetch (CODE42_MAX_FETCH) must be a whole number from 1 to 200, not "0".'],
    [{ CODE42_MAX_FETCH: '201' }, 'max_fetch (CODE42_MAX_FETCH) must be a whole number from 1 to 200, not "201".'],
    [{ CODE42_MAX_FETCH: 'ten' }, 'max_fetch (CODE42_MAX_FETCH) must be a whole number from 1 to 200, not "ten".'],
    [{ CODE42_FETCH_LOOKBACK: '-1' }, 'fetch_lookback (CODE42_FETCH_LOOKBACK) must be a whole number of minutes from 0 to 1440, not "-1".'],
    [{ CODE42_FETCH_INTERVAL: '0' }, 'incidentFetchInterval (CODE42_FETCH_INTERVAL) must be a whole number of minutes of at least 1, not "0".'],
    [{ CODE42_ALERT_SEVERITY: 'High,Severe' }, 'alert_severity (CODE42_ALERT_SEVERITY) accepts Critical, High, Moderate, Low (a comma-separated list), not "Severe".'],
    [{ CODE42_INSECURE: 'maybe' }, 'insecure (CODE42_INSECURE) must be true or false (yes or no), not "maybe".'],
    [{ CODE42_PROXY: '1' }, 'proxy (CODE42_PROXY) must be true or false (yes or no), not "1".'],
    [{ CODE42_INCLUDE_FILES: 'sometimes' }, 'include_files (CODE42_INCLUDE_FILES) must be true or false (yes or no), not "sometimes".'],
    [{ CODE42_CONSOLE_URL: 'ftp://console.us.code42.com' }, 'console_url (CODE42_CONSOLE_URL) must be an http(s) URL such as https://console.us.code42.com, not "ftp://console.us.code42.com".'],
    [{ CODE42_API_URL: 'https://' }, 'api_url (CODE42_API_URL) must be an http(s) URL such as https://console.us.code42.com, not "https://".'],
    [{ CODE42_FIRST_FETCH: 'soon' }, 'first_fetch (CODE42_FIRST_FETCH) must be a time range such as "3 days", "12 hours" or "30 minutes", an ISO 8601 date such as 2024-05-01, or epoch seconds, not "soon".'],
    [{ CODE42_FIRST_FETCH: '2023-02-30' }, 'first_fetch (CODE42_FIRST_FETCH) must be a time range such as "3 days", "12 hours" or "30 minutes", an ISO 8601 date such as 2024-05-01, or epoch seconds, not "2023-02-30".'],
    [{ CODE42_FIRST_FETCH: '2999-01-01' }, 'first_fetch (CODE42_FIRST_FETCH) must not be in the future, but "2999-01-01" is.'],
    [
      { CODE42_FIRST_FETCH: '10000 years' },
      'first_fetch (CODE42_FIRST_FETCH) is out of range: it may reach back at most 100 years (36525 days, 1200 months), and a date must be from 1970-01-01 on, not "10000 years".',
    ],
  ])('%j', (env, sentence) => {
    expect(configError({ env })).toBe(sentence);
  });

  test.each([
    [{ CODE42_CONSOLE_URL: 'https://console.us.code42.com' }, 'CODE42_CONSOLE_URL'],
    [{ CODE42_API_URL: 'https://api.eu5.code42.com' }, 'CODE42_API_URL'],
  ])('a Code42 URL without credentials is refused, not demo mode: %j', (env, variable) => {
    expect(configError({ env })).toBe(
      `${variable} is set but no Code42 API client is: set CODE42_CLIENT_ID and CODE42_CLIENT_SECRET (credentials.identifier and credentials.password), or unset the URL to use the embedded demo simulator.`,
    );
  });

  test('a console URL in a config file without credentials names the file key', () => {
    const file = configFile('yaml', 'console_url: console.us.code42.com\n');
    expect(configError({ file, env: {} })).toMatch(/^console_url is set but no Code42 API client is: /);
  });

  test('a client id without a secret', () => {
    expect(configError({ env: { CODE42_CLIENT_ID: 'key-123' } })).toBe(
      'CODE42_CLIENT_ID is set but CODE42_CLIENT_SECRET (credentials.password) is not: set both the API client id and secret, or neither to use the embedded demo simulator.',
    );
  });

  test('a client secret without an id, never echoing the secret', () => {
    const message = configError({ env: { CODE42_CLIENT_SECRET: SECRET } });
    expect(message).toBe(
      'CODE42_CLIENT_SECRET is set but CODE42_CLIENT_ID (credentials.identifier) is not: set both the API client id and secret, or neither to use the embedded demo simulator.',
    );
  });

  test('a secret of the wrong type is refused without being shown', () => {
    const file = configFile('json', JSON.stringify({ credentials: { identifier: 'key-1', password: 123456789 } }));
    expect(configError({ file, env: {} })).toBe('credentials.password (the API client secret) must be text.');
  });

  test('a URL with embedded credentials is refused without being echoed', () => {
    const message = configError({ env: { CODE42_API_URL: `https://user:${SECRET}@api.us.code42.com` } });
    expect(message).toBe('api_url (CODE42_API_URL) must not contain a user name or password; put the API client in the credentials.');
  });

  test('an unknown parameter in the file names the accepted ones', () => {
    const file = configFile('yaml', 'max_fetchh: 5\n');
    expect(configError({ file, env: {} })).toBe(
      `Unknown parameter "max_fetchh" in config file ${file}: accepted parameters are console_url, api_url, credentials, insecure, proxy, incidentType, alert_severity, first_fetch, fetch_time, max_fetch, fetch_limit, include_files, v2_events, fetch_lookback, incidentFetchInterval, high_risk_watchlist_title.`,
    );
  });

  test('an unknown field under credentials', () => {
    const file = configFile('yaml', 'credentials:\n  username: key-1\n');
    expect(configError({ file, env: {} })).toBe(`Unknown field "username" under credentials in config file ${file}: accepted fields are identifier and password.`);
  });

  test('a missing file', () => {
    expect(configError({ file: join(dir, 'nope.yaml'), env: {} })).toBe(`Cannot read config file ${join(dir, 'nope.yaml')}: it does not exist.`);
  });

  test('a file that is not YAML or JSON names the place without quoting the file', () => {
    const file = configFile('json', `{"credentials": {"identifier": "key-1", "password": "${SECRET}" x}}`);
    const message = configError({ file, env: {} });
    expect(message).toMatch(new RegExp(`^Config file ${file} is not valid JSON or YAML: .* at line 1, column \\d+\\.$`));
    expect(message).not.toContain(SECRET);
  });

  test('a file holding a list instead of a mapping', () => {
    const file = configFile('yaml', '- a\n- b\n');
    expect(configError({ file, env: {} })).toBe(`Config file ${file} must hold a mapping of XSOAR parameter names to values.`);
  });
});

describe('the secret stays secret', () => {
  const config = loadConfig({ env: { ...credentialsEnv, CODE42_CONSOLE_URL: 'https://console.us.code42.com' } });

  test('JSON.stringify prints the configuration with the secret redacted', () => {
    const printed = JSON.stringify(config);
    expect(printed).not.toContain(SECRET);
    expect(JSON.parse(printed).credentials).toEqual({ identifier: 'key-123', password: '[REDACTED]' });
  });

  test('util.inspect (console.log) shows the redacted view, also of the credentials alone', () => {
    expect(inspect(config, { depth: 5 })).not.toContain(SECRET);
    expect(inspect(config.credentials)).not.toContain(SECRET);
    expect(JSON.stringify({ nested: config.credentials })).not.toContain(SECRET);
  });

  test('the redacted view survives pointing the configuration at other endpoints', () => {
    const moved = withEndpoints(config, { console_url: 'http://127.0.0.1:1', api_url: 'http://127.0.0.1:1' });
    expect(moved).toMatchObject({ api_url: 'http://127.0.0.1:1', credentials: { password: SECRET } });
    expect(JSON.stringify(moved)).not.toContain(SECRET);
    expect(config.api_url).toBe('https://api.us.code42.com');
  });
});
