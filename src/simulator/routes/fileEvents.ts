// POST /v2/file-events (search; 400 with `problems` for an invalid query) and the file downloads by SHA256
// and by XFC content id (raw bytes).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { objectBody, springError } from '../http';
import type { SimFile } from '../model';
import { searchFileEvents } from '../query/fileEventQuery';
import type { RouteDeps } from './deps';

function sendFile(reply: FastifyReply, file: SimFile): FastifyReply {
  return reply
    .type('application/octet-stream')
    .header('content-disposition', `attachment; filename="${file.name.replace(/"/g, '')}"`)
    .send(file.bytes);
}

export function registerFileEventRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  app.post('/v2/file-events', async (request) => {
    const result = searchFileEvents(tenant.fileEvents, objectBody(request), tenant.now());
    return { totalCount: result.totalCount, nextPgToken: result.nextPgToken, problems: null, fileEvents: result.events };
  });

  app.get('/v1/files/get-file-by-sha256/:sha256', async (request, reply) => {
    const { sha256 } = request.params as { sha256: string };
    const file = tenant.file(sha256);
    if (!file) throw springError(404, `No file with SHA256 ${sha256} is available.`);
    return sendFile(reply, file);
  });

  app.get('/v1/files/get-file-by-xfc-content-id/:xfcContentId', async (request, reply) => {
    const { xfcContentId } = request.params as { xfcContentId: string };
    const file = tenant.fileByXfcContentId(xfcContentId);
    if (!file) throw springError(404, `No file with XFC content id ${xfcContentId} is available.`);
    return sendFile(reply, file);
  });
}
