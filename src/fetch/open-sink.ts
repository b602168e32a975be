// `--sink FILE|URL`: a webhook for an http(s) URL, else a JSONL file at that path.
import type { Logger } from 'pino';
import { JsonlSink } from './jsonl-sink';
import type { IncidentSink } from './sink';
import { WebhookSink } from './webhook-sink';

export const isWebhookTarget = (target: string): boolean => /^https?:\/\//i.test(target.trim());

export function openSink(target: string, logger?: Logger): IncidentSink {
  return isWebhookTarget(target) ? new WebhookSink(target.trim()) : new JsonlSink(target, logger);
}
