// The two log formats: pino JSON lines (the service's) and plain text lines (the one-shot commands'), and how
// LOG_FORMAT picks between them. What a text line shows is taken from the JSON pino serialized, after redaction.
import fc from 'fast-check';
import { logFormat } from '../../src/cli/_shared/logging';
import { ConfigError } from '../../src/config';
import { createLogger, logLevel, type LogFormat } from '../../src/log';
import { Capture, capturedLogger } from './helpers';

const SECRET = 'Zq7-log-secret-4d1c9b';

describe('text lines', () => {
  test('an info record is its message alone', () => {
    const { log, output } = capturedLogger('text');
    log.info({ simulator: 'http://127.0.0.1:4242' }, 'Demo mode is on: commands run against the embedded Code42 simulator.');
    expect(output.text).toBe('Demo mode is on: commands run against the embedded Code42 simulator.\n');
  });

  test('warn and above name their level; debug and info do not', () => {
    const { log, output } = capturedLogger('text');
    log.debug('looking');
    log.info('found');
    log.warn('the sink is slow');
    log.error('the fetch run failed');
    log.fatal('cannot go on');
    expect(output.lines).toEqual(['looking', 'found', 'WARN: the sink is slow', 'ERROR: the fetch run failed', 'FATAL: cannot go on']);
  });

  test('a logged error adds its message after the record’s, and logging the error alone says it once', () => {
    const { log, output } = capturedLogger('text');
    log.error({ err: new TypeError('unexpected shape') }, 'command failed unexpectedly');
    log.error(new Error('the port is in use'));
    expect(output.lines).toEqual(['ERROR: command failed unexpectedly: unexpected shape', 'ERROR: the port is in use']);
  });

  test('a message over several lines is still one line', () => {
    const { log, output } = capturedLogger('text');
    log.warn('first line\n  second line\r\nthird');
    expect(output.text).toBe('WARN: first line second line third\n');
  });

  test('a request record says its method, path, status and time (LOG_LEVEL=debug shows the Code42 requests)', () => {
    const { log, output } = capturedLogger('text');
    log.debug({ method: 'GET', path: '/v1/sessions', attempt: 1, durationMs: 12.4, status: 200 }, 'Code42 request');
    log.debug({ method: 'POST', path: '/v1/oauth', attempt: 2, durationMs: 3001, error: 'UND_ERR_HEADERS_TIMEOUT' }, 'Code42 request failed');
    log.info({ method: 'GET', url: '/healthz', statusCode: 200, ms: 1 }, 'GET /healthz 200 1 ms');
    expect(output.lines).toEqual([
      'Code42 request: GET /v1/sessions 200 12 ms',
      'Code42 request failed: POST /v1/oauth UND_ERR_HEADERS_TIMEOUT 3001 ms',
      'GET /healthz 200 1 ms',
    ]);
  });

  test('fields never show, not even ones redaction does not know', () => {
    const { log, output } = capturedLogger('text');
    log.info({ clientSecret: SECRET, detail: SECRET, headers: { authorization: `Bearer ${SECRET}` }, nested: { deeper: { value: SECRET } } }, 'token request');
    log.error({ err: Object.assign(new Error('Code42 refused the API client.'), { credentials: { password: SECRET }, config: { secret: SECRET } }) }, 'command failed');
    expect(output.lines).toEqual(['token request', 'ERROR: command failed: Code42 refused the API client.']);
  });

  test('any record is one line, and a secret given only in its fields is not in it', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !['msg', 'err', 'level', 'time'].includes(name));
    const fields = fc.dictionary(key, fc.oneof(fc.constant(SECRET), fc.dictionary(key, fc.constant(SECRET), { maxKeys: 3 })), { maxKeys: 4 });
    const message = fc.string({ maxLength: 60 }).filter((text) => !text.includes(SECRET));
    const level = fc.constantFrom('debug', 'info', 'warn', 'error', 'fatal' as const);
    fc.assert(
      fc.property(fields, message, level, (record, msg, at) => {
        const { log, output } = capturedLogger('text');
        log[at](record, msg);
        expect(output.text.split('\n')).toHaveLength(2);
        expect(output.text).not.toContain(SECRET);
      }),
    );
  });
});

describe('JSON lines', () => {
  test('stay pino records with their redacted fields', () => {
    const { log, output } = capturedLogger('json');
    log.warn({ clientSecret: SECRET, simulator: 'http://127.0.0.1:4242' }, 'the sink is slow');
    expect(JSON.parse(output.text)).toMatchObject({ level: 40, name: 'code42-soar', clientSecret: '[REDACTED]', simulator: 'http://127.0.0.1:4242', msg: 'the sink is slow' });
  });

  test('are the default', () => {
    const output = new Capture();
    createLogger({ destination: output }).info('started');
    expect(JSON.parse(output.text)).toMatchObject({ level: 30, msg: 'started' });
  });
});

describe('LOG_LEVEL', () => {
  test.each([
    [undefined, 'info'],
    ['', 'info'],
    [' DEBUG ', 'debug'],
    ['silent', 'silent'],
  ])('%j is %s', (value, level) => {
    expect(logLevel(value)).toBe(level);
  });

  test('an unknown level names LOG_LEVEL and the accepted values, not the logging library\'s internals', () => {
    expect(() => createLogger({ level: 'verbose' })).toThrow(new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent, not "verbose".'));
  });
});

describe('LOG_FORMAT', () => {
  test.each<[NodeJS.ProcessEnv, LogFormat, LogFormat]>([
    [{}, 'text', 'text'],
    [{}, 'json', 'json'],
    [{ LOG_FORMAT: '' }, 'json', 'json'],
    [{ LOG_FORMAT: 'json' }, 'text', 'json'],
    [{ LOG_FORMAT: ' TEXT ' }, 'json', 'text'],
  ])('%j with the default %s gives %s', (env, fallback, format) => {
    expect(logFormat(env, fallback)).toBe(format);
  });

  test('anything else is a configuration error naming the accepted values', () => {
    const pretty = () => logFormat({ LOG_FORMAT: 'pretty' }, 'text');
    expect(pretty).toThrow(ConfigError);
    expect(pretty).toThrow('LOG_FORMAT must be json or text, not "pretty".');
  });
});
