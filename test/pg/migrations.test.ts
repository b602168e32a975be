// Versioned migrations against a real PostgreSQL server.
import { DatabaseError } from '../../src/store/database-settings';
import { MIGRATIONS, SCHEMA, migrate, migrationStatus } from '../../src/store/migrations';
import { freshDatabase, type TestDatabase } from './database';

let target: TestDatabase;

beforeEach(async () => {
  target = await freshDatabase({ migrated: false });
});

afterEach(async () => {
  await target.drop();
});

async function tables(): Promise<string[]> {
  const { rows } = await target.db.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [SCHEMA],
  );
  return rows.map((r) => r.table_name);
}

test('an empty database reports every migration pending and gets all of them, in order, on migrate', async () => {
  expect(await migrationStatus(target.db)).toEqual({ applied: [], pending: MIGRATIONS });

  const applied = await migrate(target.db);

  expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  const status = await migrationStatus(target.db);
  expect(status.pending).toEqual([]);
  expect(status.applied.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  expect(await tables()).toEqual(['checkpoints', 'incidents', 'leases', 'outbox', 'request_budget', 'schema_migrations']);
});

test('migrating an up-to-date database applies nothing', async () => {
  await migrate(target.db);
  expect(await migrate(target.db)).toEqual([]);
});

test('a database at an older version gets only the migrations it lacks', async () => {
  await migrate(target.db, MIGRATIONS.slice(0, 1));
  expect((await migrationStatus(target.db)).pending.map((m) => m.version)).toEqual([2]);

  expect((await migrate(target.db)).map((m) => m.version)).toEqual([2]);
  expect(await tables()).toContain('request_budget');
});

test('replicas starting together migrate once: the others wait and find nothing to do', async () => {
  const applied = await Promise.all([migrate(target.db), migrate(target.db), migrate(target.db)]);

  expect(applied.map((list) => list.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
  const { rows } = await target.db.query(`SELECT version FROM ${SCHEMA}.schema_migrations`);
  expect(rows).toHaveLength(MIGRATIONS.length);
});

test('a migration that fails leaves the database as it was', async () => {
  await migrate(target.db, MIGRATIONS.slice(0, 1));
  const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: `CREATE TABLE ${SCHEMA}.extra (id int); SELECT * FROM no_such_table` }];

  await expect(migrate(target.db, broken)).rejects.toThrow(DatabaseError);

  expect((await migrationStatus(target.db)).applied.map((m) => m.version)).toEqual([1]);
  expect(await tables()).not.toContain('request_budget');
  expect(await tables()).not.toContain('extra');
});

test('a database migrated by a newer code42-soar is refused in one sentence', async () => {
  await migrate(target.db, [...MIGRATIONS, { version: 99, name: 'from the future', sql: 'SELECT 1' }]);

  await expect(migrate(target.db)).rejects.toThrow(/has schema version 99, newer than this code42-soar knows \(2\); upgrade code42-soar/);
  await expect(migrationStatus(target.db)).rejects.toThrow(/has schema version 99/);
});
