// pino to stderr: stdout stays clean for command output. Secrets are redacted by path, and the
// transport never puts them anywhere else (tests capture every line to prove it). JSON lines for the service,
// whose logs machines read; plain text lines for a person running a one-shot command.
import pino, { type Logger } from 'pino';
import { ConfigError } from './config';
import { shown } from './values';

export const REDACTED_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'apiKey',
  '*.apiKey',
  'credentials.password',
  '*.credentials.password',
];

export type LogFormat = 'json' | 'text';

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default. Tests pass a capturing stream. */
  destination?: NodeJS.WritableStream;
  /** `json` (the default): one pino JSON object per line, for machines; `text`: one plain line per record, for people. */
  format?: LogFormat;
}

/** The levels LOG_LEVEL accepts, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** LOG_LEVEL read: blank is info; anything pino does not know is one sentence naming the accepted values. */
export function logLevel(value: string | undefined): string {
  const level = value?.trim().toLowerCase() || 'info';
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level;
  throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS[LOG_LEVELS.length - 1]}, not ${shown(value)}.`);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = logLevel(options.level ?? process.env.LOG_LEVEL);
  const destination = options.destination ?? process.stderr;
  return pino(
    { level, base: { name: 'code42-soar' }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    (options.format === 'text' ? textLines(destination) : destination) as pino.DestinationStream,
  );
}

/** Levels from here up name themselves in a text line; below it the message speaks for itself. */
const NAMED_FROM = pino.levels.values.warn;

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

type LogRecord = {
  level?: unknown;
  msg?: unknown;
  err?: { message?: unknown };
  method?: unknown;
  path?: unknown;
  url?: unknown;
  status?: unknown;
  statusCode?: unknown;
  durationMs?: unknown;
  ms?: unknown;
  error?: unknown;
};

const HTTP_METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/;

/**
 * What a request record (the Code42 client's debug lines, the service's request lines) was about: method, path,
 * status and time, from its fields when they have those shapes. Empty when the record is not about a request,
 * or when its message already says it.
 */
function requestSummary(record: LogRecord): string {
  const target = typeof record.path === 'string' ? record.path : record.url;
  if (typeof record.method !== 'string' || !HTTP_METHOD.test(record.method) || typeof target !== 'string' || !target.startsWith('/')) return '';
  const request = `${record.method} ${target}`;
  if (typeof record.msg === 'string' && record.msg.includes(request)) return '';
  const status = typeof record.status === 'number' ? record.status : record.statusCode;
  const ms = typeof record.durationMs === 'number' ? record.durationMs : record.ms;
  return [
    request,
    typeof status === 'number' ? String(status) : undefined,
    typeof record.error === 'string' && /^[A-Z_]+$/.test(record.error) ? record.error : undefined,
    typeof ms === 'number' ? `${Math.round(ms)} ms` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * A text line from a JSON line pino has already serialized, so redaction has run on every field. It keeps the
 * message, the logged error's message and, for a request, its method, path, status and time, all of which the
 * JSON line carried as they are: the text says nothing the JSON line did not.
 */
export function textLine(json: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as typeof record;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = typeof record.level === 'number' ? record.level : 0;
  const label = level >= NAMED_FROM ? `${(pino.levels.labels[level] ?? `level ${level}`).toUpperCase()}: ` : '';
  const parts = [record.msg, requestSummary(record), record.err?.message].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  // logger.error(error) makes the error's message the record's message too.
  return `${label}${oneLine([...new Set(parts)].join(': '))}\n`;
}

function textLines(destination: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line) => void destination.write(textLine(line)) };
}
