// POST /v1/oauth (client credentials -> JWT-shaped token) and GET /v1/customer.
import type { FastifyInstance } from 'fastify';
import { type JsonObject, jsonError } from '../http';
import { basicCredentials } from '../tokens';
import type { RouteDeps } from './deps';

function presentedCredentials(headers: Record<string, unknown>, body: unknown, query: JsonObject): { id: string; secret: string } | undefined {
  const basic = basicCredentials(typeof headers.authorization === 'string' ? headers.authorization : undefined);
  if (basic) return basic;
  for (const source of [body, query]) {
    if (source && typeof source === 'object') {
      const { client_id: id, client_secret: secret } = source as JsonObject;
      if (typeof id === 'string' && typeof secret === 'string') return { id, secret };
    }
  }
  return undefined;
}

export function registerAuthRoutes(app: FastifyInstance, { tenant, tokens, credentials }: RouteDeps): void {
  app.post('/v1/oauth', { config: { public: true } }, async (request) => {
    const query = request.query as JsonObject;
    const body = request.body as JsonObject | undefined;
    const grantType = query.grant_type ?? body?.grant_type;
    if (grantType !== undefined && grantType !== 'client_credentials') {
      throw jsonError(400, { error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported.' });
    }
    const presented = presentedCredentials(request.headers, body, query);
    if (!presented || presented.id !== credentials.clientId || presented.secret !== credentials.clientSecret) {
      throw jsonError(401, { error: 'invalid_client', error_description: 'Bad client credentials.' });
    }
    return tokens.issue(presented.id);
  });

  app.get('/v1/customer', async () => ({ name: tenant.customerName, registrationKey: tenant.registrationKey, tenantId: tenant.tenantId }));
}
