// The test-module check: a fresh token and one cheap authenticated call. Every failure says which thing is
// wrong — credentials, host, TLS, proxy or permission — because the transport's sentences already do and
// the one case they cannot know about (a valid client without permission) is spelled out here.
import { Code42Error } from './errors';
import type { Transport } from './transport';

const OPERATION = 'read the Code42 customer with the API client';

export async function checkConnection(transport: Transport): Promise<void> {
  // Test the configured credentials now, not a token cached before they were changed.
  transport.forgetToken();
  let customer: unknown;
  try {
    customer = await transport.request<unknown>({ method: 'GET', path: '/v1/customer', kind: 'read', operation: OPERATION });
  } catch (error) {
    if (error instanceof Code42Error && error.status === 403) {
      const message = `${error.message.replace(/\.$/, '')} - the API client ID and secret are valid but the API client lacks permission; check its roles in the Code42 console.`;
      throw new Code42Error(message, { kind: 'http', operation: OPERATION, status: 403, code42Text: error.code42Text });
    }
    throw error;
  }
  if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) {
    throw new Code42Error(`Could not ${OPERATION}: ${transport.apiUrl}/v1/customer did not answer with a Code42 customer - check the Code42 API URL.`, { kind: 'protocol', operation: OPERATION });
  }
  // Detection-list and alert-rule calls carry the tenant id, so a token without it is not good enough.
  await transport.tenantId();
}
