// The Code42 client: one Transport shared by every API area (code42-api.md, architecture.md §2).
import type { Code42Api } from './api';
import { AlertRules } from './alert-rules';
import { Alerts } from './alerts';
import { Cases } from './cases';
import { checkConnection } from './connection-check';
import { DetectionLists } from './detection-lists';
import { FileEvents } from './file-events';
import { Files } from './files';
import { LegalHold } from './legal-hold';
import { RiskProfiles } from './risk-profiles';
import { Transport, type TransportOptions } from './transport';
import { Users } from './users';
import { Watchlists } from './watchlists';

export type Code42ClientOptions = TransportOptions;

export interface Code42Client extends Code42Api {
  transport: Transport;
  /** Closes the connection pool; the client is unusable afterwards. */
  close(): Promise<void>;
}

export function createCode42Client(options: Code42ClientOptions): Code42Client {
  const transport = new Transport(options);
  return {
    transport,
    users: new Users(transport),
    detectionLists: new DetectionLists(transport),
    watchlists: new Watchlists(transport),
    riskProfiles: new RiskProfiles(transport),
    alerts: new Alerts(transport),
    alertRules: new AlertRules(transport),
    fileEvents: new FileEvents(transport),
    files: new Files(transport),
    legalHold: new LegalHold(transport),
    cases: new Cases(transport),
    checkConnection: () => checkConnection(transport),
    // transport.consoleUrl is normalized: scheme present, no trailing slash.
    alertUrl: (alertId) => `${transport.consoleUrl}/app/#/alerts/review-alerts/${encodeURIComponent(alertId)}`,
    close: () => transport.close(),
  };
}
