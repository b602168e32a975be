// Users on the gateway (/v1/users, 1-based `page`) and on the console host (/api/v1/User, /api/v1/Org,
// /api/v3/users/{uid}/block|unblock; bodies wrapped in {"data": ...}, errors as [{name, description}]).
import type { FastifyInstance } from 'fastify';
import {
  type Fail,
  type JsonObject,
  booleanParam,
  consoleData,
  consoleError,
  objectBody,
  optionalString,
  pageOf,
  readPage,
  springError,
} from '../http';
import type { SimUser } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

export function gatewayUser(tenant: Tenant, user: SimUser): JsonObject {
  const org = tenant.org(user.orgUid);
  return {
    legacyUserId: String(user.legacyUserId),
    userId: user.userUid,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    legacyOrgId: org ? String(org.orgId) : null,
    orgId: user.orgUid,
    orgGuid: org?.orgGuid ?? null,
    orgName: org?.orgName ?? null,
    notes: user.notes,
    active: user.active,
    blocked: user.blocked,
    creationDate: user.creationDate,
    modificationDate: user.modificationDate,
  };
}

export function consoleUser(tenant: Tenant, user: SimUser): JsonObject {
  const org = tenant.org(user.orgUid);
  return {
    userId: user.legacyUserId,
    userUid: user.userUid,
    status: user.active ? 'Active' : 'Deactivated',
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    quotaInBytes: -1,
    orgId: org?.orgId ?? null,
    orgUid: user.orgUid,
    orgName: org?.orgName ?? null,
    userExtRef: null,
    notes: user.notes,
    active: user.active,
    blocked: user.blocked,
    emailPromo: true,
    invited: false,
    orgType: 'ENTERPRISE',
    usernameIsAnEmail: user.username.includes('@'),
    creationDate: user.creationDate,
    modificationDate: user.modificationDate,
    passwordReset: false,
    localAuthenticationOnly: false,
    licenses: [],
  };
}

const consoleFail: Fail = (message) => consoleError(400, 'INVALID_REQUEST', message);
const CONSOLE_PAGE = { numberKey: 'pgNum', sizeKeys: ['pgSize'], defaultSize: 100, maxSize: 1000, firstPage: 1 } as const;

function touch(tenant: Tenant, user: SimUser): void {
  user.modificationDate = new Date(tenant.now()).toISOString();
}

function registerGatewayUsers(app: FastifyInstance, tenant: Tenant): void {
  const userOr404 = (userId: string) => {
    const user = tenant.user(userId);
    if (!user) throw springError(404, `User not found: ${userId}`);
    return user;
  };

  app.get('/v1/users', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, { numberKey: 'page', sizeKeys: ['pageSize', 'page_size'], defaultSize: 100, maxSize: 1000, firstPage: 1 });
    const username = typeof query.username === 'string' && query.username !== '' ? query.username.toLowerCase() : undefined;
    const active = booleanParam(query.active, 'active');
    const blocked = booleanParam(query.blocked, 'blocked');
    const users = tenant
      .users()
      .filter((u) => (username === undefined || u.username.toLowerCase() === username) && (active === undefined || u.active === active) && (blocked === undefined || u.blocked === blocked));
    return { users: pageOf(users, page).map((u) => gatewayUser(tenant, u)), totalCount: users.length };
  });

  app.get('/v1/users/:userId', async (request) => gatewayUser(tenant, userOr404((request.params as { userId: string }).userId)));

  app.post('/v1/users/:userId/activate', async (request, reply) => {
    const user = userOr404((request.params as { userId: string }).userId);
    user.active = true;
    touch(tenant, user);
    return reply.code(200).send();
  });

  app.post('/v1/users/:userId/deactivate', async (request, reply) => {
    const user = userOr404((request.params as { userId: string }).userId);
    if (tenant.isOnActiveHold(user.userUid)) throw springError(400, 'ACTIVE_LEGAL_HOLD: the user is a custodian of an active legal hold matter.');
    user.active = false;
    touch(tenant, user);
    return reply.code(200).send();
  });
}

function registerConsoleUsers(app: FastifyInstance, tenant: Tenant): void {
  app.get('/api/v1/Org', async (request) => {
    const page = readPage(request.query as JsonObject, CONSOLE_PAGE, consoleFail);
    const orgs = tenant.orgs.map((org) => ({
      orgId: org.orgId,
      orgUid: org.orgUid,
      orgGuid: org.orgGuid,
      orgName: org.orgName,
      orgExtRef: null,
      notes: null,
      status: 'Active',
      active: true,
      blocked: false,
      parentOrgId: tenant.org(org.parentOrgUid ?? '')?.orgId ?? null,
      parentOrgUid: org.parentOrgUid,
      type: 'ENTERPRISE',
      creationDate: org.creationDate,
      modificationDate: org.creationDate,
    }));
    return consoleData({ totalCount: orgs.length, orgs: pageOf(orgs, page) });
  });

  app.get('/api/v1/User', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, CONSOLE_PAGE, consoleFail);
    const text = (key: string) => (typeof query[key] === 'string' && query[key] !== '' ? (query[key] as string).toLowerCase() : undefined);
    const username = text('username');
    const email = text('email');
    const q = text('q');
    const orgUid = typeof query.orgUid === 'string' && query.orgUid !== '' ? query.orgUid : undefined;
    if (orgUid !== undefined && !tenant.org(orgUid)) throw consoleError(400, 'SYSTEM', 'Organization was not found');
    const active = booleanParam(query.active, 'active', consoleFail);
    const users = tenant
      .users()
      .filter(
        (u) =>
          (username === undefined || u.username.toLowerCase() === username) &&
          (email === undefined || u.email.toLowerCase() === email) &&
          (orgUid === undefined || u.orgUid === orgUid) &&
          (active === undefined || u.active === active) &&
          (q === undefined || [u.username, u.email, u.firstName ?? '', u.lastName ?? ''].some((v) => v.toLowerCase().includes(q))),
      );
    return consoleData({ totalCount: users.length, users: pageOf(users, page).map((u) => consoleUser(tenant, u)) });
  });

  app.post('/api/v1/User', async (request) => {
    const body = objectBody(request, consoleFail);
    const orgUid = optionalString(body, 'orgUid', consoleFail);
    const username = optionalString(body, 'username', consoleFail);
    if (!orgUid) throw consoleError(400, 'ORG_UID_REQUIRED', 'orgUid is required');
    if (!username) throw consoleError(400, 'USERNAME_REQUIRED', 'username is required');
    if (!tenant.org(orgUid)) throw consoleError(400, 'SYSTEM', 'Organization was not found');
    if (tenant.userByUsername(username)) throw consoleError(500, 'USER_DUPLICATE', 'A user with this username already exists.');
    const user = tenant.addUser({
      username,
      email: optionalString(body, 'email', consoleFail) ?? username,
      orgUid,
      firstName: optionalString(body, 'firstName', consoleFail) ?? null,
      lastName: optionalString(body, 'lastName', consoleFail) ?? null,
      notes: optionalString(body, 'notes', consoleFail) ?? null,
    });
    return consoleData(consoleUser(tenant, user));
  });

  for (const action of ['block', 'unblock'] as const) {
    app.post(`/api/v3/users/:userUid/${action}`, async (request, reply) => {
      const user = tenant.user((request.params as { userUid: string }).userUid);
      if (!user) throw consoleError(404, 'NOT_FOUND', 'User not found');
      user.blocked = action === 'block';
      touch(tenant, user);
      return reply.code(200).send();
    });
  }
}

export function registerUserRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  registerGatewayUsers(app, tenant);
  registerConsoleUsers(app, tenant);
}
