// The Code42 client: one Transport shared by every API area of the current Incydr API (incydr-api.md §2,
// architecture.md §2).
import type { Code42Api } from './api';
import { Actors } from './actors';
import { AlertRules } from './alert-rules';
import { Cases } from './cases';
import { checkConnection } from './connection-check';
import { CustomerArea } from './customer';
import { FileEvents } from './file-events';
import { Files } from './files';
import { LegalHold } from './legal-hold';
import { Orgs } from './orgs';
import { Sessions } from './sessions';
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
  const actors = new Actors(transport);
  return {
    transport,
    sessions: new Sessions(transport),
    actors,
    watchlists: new Watchlists(transport),
    alertRules: new AlertRules(transport),
    users: new Users(transport),
    orgs: new Orgs(transport),
    legalHold: new LegalHold(transport),
    cases: new Cases(transport),
    fileEvents: new FileEvents(transport),
    files: new Files(transport),
    customer: new CustomerArea(transport),
    checkConnection: () => checkConnection(transport, actors),
    // The form the newest XSOAR integration links a session with (its `alertUrl`): the console's alert review
    // page, keyed by the session id. No Code42 source documents a session page of its own, so whether the
    // console still routes this path for sessions is open; transport.consoleUrl is normalized (scheme, no slash).
    sessionUrl: (sessionId) => `${transport.consoleUrl}/app/#/alerts/review-alerts/${encodeURIComponent(sessionId)}`,
    close: () => transport.close(),
  };
}
