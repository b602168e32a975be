// Cases on the gateway (code42-api.md §13.2): create, get, attach file events.
import type { Case, CasesApi } from './api';
import { notFoundOn404 } from './answers';
import type { Transport } from './transport';

export class Cases implements CasesApi {
  constructor(private readonly transport: Transport) {}

  create(input: { name: string; subject?: string; assignee?: string; description?: string; findings?: string }): Promise<Case> {
    return this.transport.request<Case>({
      method: 'POST',
      path: '/v1/cases',
      body: {
        name: input.name,
        subject: input.subject ?? null,
        assignee: input.assignee ?? null,
        description: input.description ?? null,
        findings: input.findings ?? null,
      },
      kind: 'write',
      operation: 'create the case',
    });
  }

  get(caseNumber: number): Promise<Case> {
    const operation = 'get the case';
    return notFoundOn404(
      this.transport.request<Case>({ method: 'GET', path: `/v1/cases/${caseNumber}`, kind: 'read', operation }),
      `No case found with number ${caseNumber}.`,
      operation,
    );
  }

  async addFileEvents(caseNumber: number, eventIds: string[]): Promise<void> {
    await this.transport.request<void>({
      method: 'POST',
      path: `/v1/cases/${caseNumber}/fileevent`,
      body: { events: eventIds },
      kind: 'write',
      operation: 'add the file events to the case',
      responseType: 'empty',
    });
  }
}
