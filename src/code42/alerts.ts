// Alerts (code42-api.md §8, legacy alerts API on the gateway): query with the filter grammar, details in
// batches, state changes and notes. Code42's documented limits are checked here, before anything is sent.
import type { AlertCriteria, AlertDetails, AlertPage, AlertQueryResult, AlertsApi, AlertState, AlertSummary } from './api';
import { failOnProblems, invalidRequest, type SearchProblem } from './answers';
import { Code42Error } from './errors';
import { chunk, distinct, inOrderOf } from './paging';
import type { Transport } from './transport';

export const MAX_ALERT_PAGE_SIZE = 500;
export const MAX_ALERT_IDS_PER_REQUEST = 100;
export const MAX_NOTE_LENGTH = 2000;

export interface AlertFilter {
  term: string;
  operator: 'IS' | 'IS_NOT' | 'CONTAINS' | 'DOES_NOT_CONTAIN' | 'ON' | 'ON_OR_AFTER' | 'ON_OR_BEFORE';
  value: string;
}
export interface AlertFilterGroup {
  filterClause: 'AND' | 'OR';
  filters: AlertFilter[];
}

/** "term is any of values": one OR group of IS filters, as py42 builds it (§8.2). */
export function isAnyOf(term: string, values: readonly string[]): AlertFilterGroup {
  return { filterClause: 'OR', filters: values.map((value) => ({ term, operator: 'IS', value })) };
}

/** The groups of a query-alerts request (py42's camelCase terms); criteria left out add no group. */
export function alertFilterGroups(criteria: AlertCriteria): AlertFilterGroup[] {
  const groups: AlertFilterGroup[] = [];
  if (criteria.state?.length) groups.push(isAnyOf('state', criteria.state));
  if (criteria.riskSeverity?.length) groups.push(isAnyOf('riskSeverity', criteria.riskSeverity));
  if (criteria.actor !== undefined) groups.push(isAnyOf('actor', [criteria.actor]));
  if (criteria.ruleName !== undefined) groups.push(isAnyOf('name', [criteria.ruleName]));
  const created: AlertFilter[] = [];
  if (criteria.createdOnOrAfter !== undefined) created.push({ term: 'createdAt', operator: 'ON_OR_AFTER', value: criteria.createdOnOrAfter });
  if (criteria.createdOnOrBefore !== undefined) created.push({ term: 'createdAt', operator: 'ON_OR_BEFORE', value: criteria.createdOnOrBefore });
  if (criteria.createdOn !== undefined) created.push({ term: 'createdAt', operator: 'ON', value: criteria.createdOn });
  if (created.length) groups.push({ filterClause: 'AND', filters: created });
  return groups;
}

function checkNote(note: string | null | undefined, operation: string): void {
  if (note != null && note.length > MAX_NOTE_LENGTH) {
    throw invalidRequest(operation, `the note is ${note.length} characters long and Code42 accepts at most ${MAX_NOTE_LENGTH}.`);
  }
}

export class Alerts implements AlertsApi {
  constructor(private readonly transport: Transport) {}

  async query(criteria: AlertCriteria, page: AlertPage): Promise<AlertQueryResult> {
    const operation = 'search alerts';
    if (!Number.isInteger(page.pgSize) || page.pgSize < 1 || page.pgSize > MAX_ALERT_PAGE_SIZE) {
      throw invalidRequest(operation, `the page size must be between 1 and ${MAX_ALERT_PAGE_SIZE}, got ${page.pgSize}.`);
    }
    if (!Number.isInteger(page.pgNum) || page.pgNum < 0) throw invalidRequest(operation, `the page number must be 0 or more, got ${page.pgNum}.`);
    const answer = await this.transport.request<{ alerts?: AlertSummary[]; totalCount?: number; problems?: SearchProblem[] | null }>({
      method: 'POST',
      path: '/v1/alerts/query-alerts',
      body: {
        tenantId: await this.transport.tenantId(),
        groupClause: 'AND',
        groups: alertFilterGroups(criteria),
        pgNum: page.pgNum,
        pgSize: page.pgSize,
        srtKey: page.srtKey ?? 'CreatedAt',
        srtDirection: page.srtDirection ?? 'DESC',
      },
      kind: 'read',
      operation,
    });
    failOnProblems(answer.problems, operation);
    const alerts = answer.alerts ?? [];
    return { alerts, totalCount: answer.totalCount ?? alerts.length };
  }

  async details(ids: string[]): Promise<AlertDetails[]> {
    const wanted = distinct(ids);
    if (wanted.length === 0) return [];
    const found = new Map<string, AlertDetails>();
    const tenantId = await this.transport.tenantId();
    for (const alertIds of chunk(wanted, MAX_ALERT_IDS_PER_REQUEST)) {
      for (const alert of await this.detailsBatch(tenantId, alertIds)) found.set(alert.id, alert);
    }
    return inOrderOf(wanted, found);
  }

  /**
   * One query-details call. Code42 answers 404 when an id names no alert (py42 raises Py42NotFoundError,
   * which the XSOAR integration and the Code42 CLI read as "no alert found"), so a batch answered 404 is
   * asked again id by id and the ids answered 404 are left out.
   */
  private async detailsBatch(tenantId: string, alertIds: string[]): Promise<AlertDetails[]> {
    try {
      const answer = await this.transport.request<{ alerts?: AlertDetails[] }>({
        method: 'POST',
        path: '/v1/alerts/query-details',
        body: { tenantId, alertIds },
        kind: 'read',
        operation: 'get the alert details',
      });
      return answer.alerts ?? [];
    } catch (error) {
      if (!(error instanceof Code42Error && error.status === 404)) throw error;
      if (alertIds.length === 1) return [];
      const alerts: AlertDetails[] = [];
      for (const id of alertIds) alerts.push(...(await this.detailsBatch(tenantId, [id])));
      return alerts;
    }
  }

  async updateState(ids: string[], state: AlertState, note?: string | null): Promise<void> {
    const operation = 'update the alert state';
    checkNote(note, operation);
    if (ids.length === 0) return;
    const tenantId = await this.transport.tenantId();
    for (const alertIds of chunk(distinct(ids), MAX_ALERT_IDS_PER_REQUEST)) {
      await this.transport.request<void>({
        method: 'POST',
        path: '/v1/alerts/update-state',
        // null keeps the existing note (§8.6).
        body: { tenantId, alertIds, state, note: note ?? null },
        kind: 'write',
        operation,
        responseType: 'empty',
      });
    }
  }

  async addNote(alertId: string, note: string): Promise<void> {
    const operation = 'add a note to the alert';
    checkNote(note, operation);
    await this.transport.request<void>({
      method: 'POST',
      path: '/v1/alerts/add-note',
      body: { tenantId: await this.transport.tenantId(), alertId, note },
      kind: 'write',
      operation,
      responseType: 'empty',
    });
  }
}
