// Incidents POSTed one by one to a webhook, each carrying its session id as `Idempotency-Key`: a receiver
// honouring the key keeps one copy when the same incident is delivered again after a crash. Any answer
// but 2xx fails the delivery, so the checkpoint is not advanced and the next run delivers again. Redirects
// count as failures: following one may turn the POST into a GET that answers 2xx without the incident.
// Credentials in the URL (https://user:pass@host/...) go out as Basic authorization and appear nowhere else.
import type { Incident } from './incident';
import { SinkError, type DeliveryReport, type IncidentSink } from './sink';

const DEFAULT_TIMEOUT_MS = 30_000;

/** The URL without credentials or query string (which may hold a token), for messages. */
function printable(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function decoded(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

export class WebhookSink implements IncidentSink {
  readonly description: string;
  private readonly url: string;
  private readonly headers: Record<string, string> = { 'content-type': 'application/json' };

  constructor(
    url: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') {
      const credentials = `${decoded(parsed.username)}:${decoded(parsed.password)}`;
      this.headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
      parsed.username = '';
      parsed.password = '';
    }
    this.url = parsed.href;
    this.description = printable(this.url);
  }

  async deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    for (const incident of incidents) await this.post(incident);
    return { delivered: incidents.length, skipped: 0 };
  }

  async close(): Promise<void> {}

  private async post(incident: Incident): Promise<void> {
    const session = incident.dbotMirrorId;
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { ...this.headers, 'idempotency-key': session },
        body: JSON.stringify(incident),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SinkError(`Could not deliver session ${session} to the webhook ${this.description}: ${this.reason(error)}.`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 300 && response.status < 400) {
      throw new SinkError(`The webhook ${this.description} answered ${response.status} for session ${session}: a redirect; give the URL it points to.`);
    }
    if (!response.ok) throw new SinkError(`The webhook ${this.description} answered ${response.status} for session ${session}.`);
  }

  private reason(error: unknown): string {
    if ((error as Error).name === 'TimeoutError') return `no answer within ${this.timeoutMs / 1000} s`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    // Some messages quote the URL, whose query may hold a token.
    return (cause?.code ?? cause?.message ?? (error as Error).message).split(this.url).join(this.description).replace(/\.$/, '');
  }
}
