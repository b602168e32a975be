// POST /v2/file-events (search) and GET /v1/files/get-file-by-sha256/{sha256} (download).
import type { FastifyInstance } from 'fastify';
import { objectBody, springError } from '../http';
import { searchFileEvents } from '../query/fileEventQuery';
import type { RouteDeps } from './deps';

export function registerFileEventRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  app.post('/v2/file-events', async (request) => {
    const result = searchFileEvents(tenant.fileEvents(), objectBody(request), tenant.now());
    return { totalCount: result.totalCount, nextPgToken: result.nextPgToken, problems: null, fileEvents: result.events.map((e) => e.doc) };
  });

  app.get('/v1/files/get-file-by-sha256/:sha256', async (request, reply) => {
    const { sha256 } = request.params as { sha256: string };
    const file = tenant.file(sha256);
    if (!file) throw springError(404, `No file with SHA256 ${sha256} is available.`);
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.name.replace(/"/g, '')}"`)
      .send(file.bytes);
  });
}
