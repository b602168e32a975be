// pino to stderr: stdout stays clean for command output. Secrets are redacted by path, and the
// transport never puts them anywhere else (tests capture every line to prove it).
import pino, { type Logger } from 'pino';

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

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default. Tests pass a capturing stream. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    { level, base: { name: 'code42-soar' }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}
