// Users (code42-api.md §4, §11): lookup and activation on the gateway; create (with org lookup), block and
// unblock on the console host, the only operations without a gateway path.
import type { ConsoleUser, Org, User, UsersApi } from './api';
import { Code42NotFoundError } from './errors';
import { findInPages } from './paging';
import type { Transport } from './transport';

/** py42 pages orgs 500 at a time (§11). */
const ORG_PAGE_SIZE = 500;

export class Users implements UsersApi {
  constructor(private readonly transport: Transport) {}

  async findByUsername(username: string): Promise<User | undefined> {
    const answer = await this.transport.request<{ users?: User[] | null }>({
      method: 'GET',
      path: '/v1/users',
      query: { username },
      kind: 'read',
      operation: 'look up user',
    });
    // `users: null` means nobody, as for the XSOAR integration (`if not res`).
    const users = answer?.users ?? [];
    // Code42 usernames are case-insensitive, so a differently-cased exact match still names the user.
    return users.find((u) => u.username === username) ?? users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  async getByUsername(username: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw new Code42NotFoundError(`No user found with username ${username}.`, 'look up user');
    return user;
  }

  activate(userId: string): Promise<void> {
    return this.post(`/v1/users/${encodeURIComponent(userId)}/activate`, 'reactivate the user');
  }

  deactivate(userId: string): Promise<void> {
    return this.post(`/v1/users/${encodeURIComponent(userId)}/deactivate`, 'deactivate the user');
  }

  findOrgByName(orgName: string): Promise<Org | undefined> {
    const operation = 'look up the organization';
    return findInPages(
      async (pgNum, pgSize) => {
        const page = await this.transport.request<{ orgs?: Org[] }>({
          host: 'console',
          method: 'GET',
          path: '/api/v1/Org',
          query: { pgNum, pgSize },
          kind: 'read',
          operation,
        });
        return page.orgs ?? [];
      },
      { firstPage: 1, pageSize: ORG_PAGE_SIZE, operation },
      (org) => org.orgName === orgName,
    );
  }

  create(input: { orgUid: string; username: string; email: string }): Promise<ConsoleUser> {
    return this.transport.request<ConsoleUser>({
      host: 'console',
      method: 'POST',
      path: '/api/v1/User',
      body: { orgUid: input.orgUid, username: input.username, email: input.email, password: null, firstName: null, lastName: null, notes: null },
      kind: 'write',
      operation: 'create the user',
    });
  }

  block(userUid: string): Promise<void> {
    return this.post(`/api/v3/users/${encodeURIComponent(userUid)}/block`, 'block the user', 'console');
  }

  unblock(userUid: string): Promise<void> {
    return this.post(`/api/v3/users/${encodeURIComponent(userUid)}/unblock`, 'unblock the user', 'console');
  }

  private post(path: string, operation: string, host: 'api' | 'console' = 'api'): Promise<void> {
    return this.transport.request<void>({ host, method: 'POST', path, kind: 'write', operation, responseType: 'empty' });
  }
}
