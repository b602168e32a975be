// The test-module check: a fresh token and one cheap authenticated call, both within seconds. Every failure
// says which thing is wrong — credentials, host, TLS, proxy, permission, or a Code42 that does not answer —
// because the transport's sentences already do, and the one case they cannot know about (a valid client
// without permission) is spelled out here.
import type { ActorsApi } from './api';
import { withDeadline } from './deadline';
import { Code42Error } from './errors';
import type { Transport } from './transport';

/** test-module and /readyz must answer within 10 s even when Code42 accepts connections and never answers. */
const CONNECTION_CHECK_MS = 9_000;

/**
 * `GET /v1/actors/actor/search?page=1&pageSize=1` after a fresh token, as XSOAR's test-module does, rather than
 * `GET /v1/customer`: the customer answers any valid API client, while the actor search also proves the client
 * may read actors, which almost every command and fetch-incidents' enrichment need. It is as cheap (one actor).
 */
export async function checkConnection(transport: Transport, actors: ActorsApi): Promise<void> {
  await withDeadline(
    CONNECTION_CHECK_MS,
    async () => {
      // Test the configured credentials now, not a token cached before they were changed.
      await transport.freshToken();
      try {
        await actors.search({}, { page: 1, pageSize: 1 });
      } catch (error) {
        if (error instanceof Code42Error && error.status === 403) {
          const message = `${error.message.replace(/\.$/, '')} - the API client ID and secret are valid but the API client lacks permission to read actors; check its roles in the Code42 console.`;
          throw new Code42Error(message, { kind: 'http', operation: error.operation, status: 403, code42Text: error.code42Text });
        }
        throw error;
      }
    },
    "the connection test's time limit",
  );
}
