// Cases (incydr-api.md §2.8): create, get, and the file events attached to a case.
import type { Case, CaseFileEvent, CasesApi } from './api';
import { invalidRequest, notFoundOn404 } from './answers';
import { arrayOf, decoder, INTEGER, nullable, NULLABLE_STRING, NUMBER, object, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import type { Transport } from './transport';

/** The SDK's CreateCaseRequest limits. */
const LIMITS = { name: 50, description: 250, findings: 30_000 } as const;

const CASE = object(
  { number: INTEGER, name: STRING, status: STRING },
  {
    createdAt: NULLABLE_STRING,
    updatedAt: NULLABLE_STRING,
    description: NULLABLE_STRING,
    findings: NULLABLE_STRING,
    subject: NULLABLE_STRING,
    subjectUsername: NULLABLE_STRING,
    assignee: NULLABLE_STRING,
    assigneeUsername: NULLABLE_STRING,
    createdByUserUid: NULLABLE_STRING,
    createdByUsername: NULLABLE_STRING,
    lastModifiedByUserUid: NULLABLE_STRING,
    lastModifiedByUsername: NULLABLE_STRING,
  },
);
const oneCase = decoder<Case>(CASE);
const caseEvents = decoder<{ events?: CaseFileEvent[] | null }>(
  object(
    {},
    {
      events: nullable(arrayOf(object({ eventId: STRING }, { eventTimestamp: NULLABLE_STRING, fileName: NULLABLE_STRING, filePath: NULLABLE_STRING, riskScore: nullable(NUMBER), riskSeverity: NULLABLE_STRING }))),
      totalCount: nullable(NUMBER),
    },
  ),
);

export class Cases implements CasesApi {
  constructor(private readonly transport: Transport) {}

  async create(input: { name: string; subject?: string; assignee?: string; description?: string; findings?: string }): Promise<Case> {
    const operation = 'create the case';
    for (const field of ['name', 'description', 'findings'] as const) {
      const length = input[field]?.length ?? 0;
      if (length > LIMITS[field]) throw invalidRequest(operation, `the ${field} has ${length} characters and Code42 takes at most ${LIMITS[field]}.`);
    }
    if (!input.name.trim()) throw invalidRequest(operation, 'the case needs a name.');
    return this.transport.json(
      {
        endpoint: ENDPOINTS.createCase,
        body: { name: input.name, subject: input.subject ?? null, assignee: input.assignee ?? null, description: input.description ?? null, findings: input.findings ?? null },
        operation,
      },
      oneCase,
    );
  }

  get(caseNumber: number): Promise<Case> {
    const operation = 'get the case';
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.getCase, params: { caseNumber }, operation }, oneCase), `No case found with number ${caseNumber}.`, operation);
  }

  async fileEvents(caseNumber: number): Promise<CaseFileEvent[]> {
    const operation = 'list the file events of the case';
    const answer = await notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.caseFileEvents, params: { caseNumber }, operation }, caseEvents), `No case found with number ${caseNumber}.`, operation);
    return answer.events ?? [];
  }

  addFileEvents(caseNumber: number, eventIds: string[]): Promise<void> {
    const operation = 'add the file events to the case';
    return notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.addCaseFileEvents, params: { caseNumber }, body: { events: eventIds }, operation }), `No case found with number ${caseNumber}.`, operation);
  }
}
