// Users v1 (incydr-api.md §2.6): lookup by username, activation, and a user's roles. The gateway has no
// create, block or unblock; those console APIs are not part of this client.
import type { Role, User, UsersApi } from './api';
import { notFoundOn404 } from './answers';
import { arrayOf, BOOLEAN, decoder, nullable, NULLABLE_STRING, NUMBER, object, type Schema, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import { Code42NotFoundError } from './errors';
import type { Transport } from './transport';

const USER: Schema = object(
  { userId: STRING, username: STRING, active: BOOLEAN, blocked: BOOLEAN },
  {
    legacyUserId: NULLABLE_STRING,
    firstName: NULLABLE_STRING,
    lastName: NULLABLE_STRING,
    legacyOrgId: NULLABLE_STRING,
    orgId: NULLABLE_STRING,
    orgGuid: NULLABLE_STRING,
    orgName: NULLABLE_STRING,
    notes: NULLABLE_STRING,
    creationDate: NULLABLE_STRING,
    modificationDate: NULLABLE_STRING,
  },
);
// `users: null` means nobody, as the XSOAR integration reads it (`if not res`).
const userPage = decoder<{ users: User[] | null }>(object({ users: nullable(arrayOf(USER)) }, { totalCount: nullable(NUMBER) }));
const userRoles = decoder<{ roles: Role[] }>(object({ roles: arrayOf(object({ roleId: STRING, roleName: STRING })) }));

export class Users implements UsersApi {
  constructor(private readonly transport: Transport) {}

  async findByUsername(username: string): Promise<User | undefined> {
    const answer = await this.transport.json({ endpoint: ENDPOINTS.listUsers, query: { username }, operation: 'look up the user' }, userPage);
    const users = answer.users ?? [];
    // Code42 usernames are case-insensitive, so a differently-cased exact match still names the user; a
    // server that matched loosely (a prefix) does not hand us someone else.
    return users.find((u) => u.username === username) ?? users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  async getByUsername(username: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw new Code42NotFoundError(`No user found with username ${username}.`, 'look up the user');
    return user;
  }

  activate(userId: string): Promise<void> {
    const operation = 'reactivate the user';
    return notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.activateUser, params: { userId }, operation }), `No user found with ID ${userId}.`, operation);
  }

  deactivate(userId: string): Promise<void> {
    const operation = 'deactivate the user';
    return notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.deactivateUser, params: { userId }, operation }), `No user found with ID ${userId}.`, operation);
  }

  async roles(userId: string): Promise<Role[]> {
    const operation = "read the user's roles";
    return (await notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.userRoles, params: { userId }, operation }, userRoles), `No user found with ID ${userId}.`, operation)).roles;
  }
}
