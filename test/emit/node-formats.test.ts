/**
 * The Node formats' files: names and classes as each tool generates them, builder calls where they say
 * the change, raw SQL where they cannot, the way out of a transaction, guards, and valid syntax.
 * (That they run in the real tools is test/integration/node-runners.test.ts.)
 */
import { Script } from 'node:vm';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { hazard } from '../../src/core/hazard.js';
import { makePlan, type Step } from '../../src/core/plan.js';
import type { EmitOptions, EmittedFile } from '../../src/emit/emitter.js';
import { chainMillis, chainTimestamp, plusSeconds } from '../../src/emit/chain.js';
import { pascalCase } from '../../src/emit/formats/typeorm.js';
import { EMITTERS } from '../../src/emit/registry.js';
import { timestampMillis } from '../../src/emit/builder-ops.js';
import { generateMigration } from '../../src/ops/generate-migration.js';
import { closeScratchPool } from '../../src/validate/scratch-postgres.js';

afterAll(closeScratchPool);

const FROM = `create table users (id serial primary key, email text not null);`;
const TO = `${FROM}
create table orders (
  id bigint primary key,
  user_id integer not null references users(id) on delete cascade,
  total numeric(10,2) not null default 0 check (total >= 0),
  note character varying(40),
  tags jsonb
);
create index orders_user_id_idx on orders (user_id);
create index orders_tags_idx on orders using gin (tags);`;

async function files(format: 'knex' | 'typeorm' | 'sequelize' | 'prisma', options: { from?: string; to?: string; concurrently?: boolean; allowDataLoss?: boolean } = {}) {
  const result = await generateMigration({
    from: options.from ?? FROM,
    to: options.to ?? TO,
    format,
    name: 'add orders',
    timestamp: '20250102030405',
    concurrently: options.concurrently ?? false,
    allowDataLoss: options.allowDataLoss ?? true,
  });
  return result.files;
}

const only = (list: EmittedFile[]) => (list.length === 1 ? (list[0] as EmittedFile).content : '');

function checkJs(code: string): void {
  new Script(`(function (exports, module, require) {\n${code}\n})`);
}

function checkTs(code: string): void {
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  expect(out.diagnostics ?? []).toEqual([]);
}

describe('Knex emitter', () => {
  it('names the file <timestamp>_<name>.js and writes the schema builder, knex.raw only where it must', async () => {
    const list = await files('knex');
    expect(list.map((f) => f.path)).toEqual(['20250102030405_add_orders.js']);
    const code = only(list);
    checkJs(code);
    expect(code).toContain("await knex.schema.createTable('orders', (table) => {");
    expect(code).toContain("table.specificType('total', 'numeric(10,2)').notNullable().defaultTo(knex.raw('0'));");
    expect(code).toContain("table.primary(['id'], 'orders_pkey');");
    expect(code).toContain("table.check('(total >= (0)::numeric)', [], 'orders_total_check');");
    expect(code).toContain("table.foreign(['user_id'], 'orders_user_id_fkey').references(['id']).inTable('users').onDelete('CASCADE').onUpdate('NO ACTION');");
    expect(code).toContain("table.index(['user_id'], 'orders_user_id_idx');");
    // A GIN index is not something the builder says: raw SQL, for PostgreSQL.
    expect(code).toMatch(/await knex\.raw\('CREATE INDEX orders_tags_idx ON public\.orders USING gin \(tags\)'\);/);
    expect(code).toContain("await knex.schema.dropTable('orders');");
    expect(code).not.toContain('exports.config');
  });

  it('leaves the transaction for CREATE INDEX CONCURRENTLY and wraps the other steps in their own', async () => {
    const code = only(await files('knex', { from: TO, to: `${TO}\ncreate index users_email_idx on users (email);`, concurrently: true }));
    checkJs(code);
    expect(code).toContain('exports.config = { transaction: false };');
    expect(code).toContain('CREATE INDEX CONCURRENTLY users_email_idx');
  });

  it('escapes question marks, which knex.raw reads as bindings', async () => {
    const code = only(await files('knex', { from: TO, to: `${TO}\ncreate index orders_has_a on orders ((tags ? 'a'));` }));
    checkJs(code);
    expect(code).toContain("(tags \\\\? \\'a\\'::text)");
  });
});

describe('TypeORM emitter', () => {
  it('names the file <ms>-<Name>.ts with class <Name><ms> and uses the QueryRunner API', async () => {
    const list = await files('typeorm');
    expect(list.map((f) => f.path)).toEqual(['1735787045000-AddOrders.ts']);
    const code = only(list);
    checkTs(code);
    expect(code).toContain('export class AddOrders1735787045000 implements MigrationInterface {');
    expect(code).toContain("import { MigrationInterface, QueryRunner, Table, TableIndex, TableForeignKey } from 'typeorm';");
    expect(code).toContain("{ name: 'note', type: 'character varying', length: '40', isNullable: true }");
    expect(code).toContain("{ name: 'total', type: 'numeric', precision: 10, scale: 2, isNullable: false, default: '0' }");
    expect(code).toContain("{ name: 'id', type: 'bigint', isPrimary: true, primaryKeyConstraintName: 'orders_pkey', isNullable: false }");
    expect(code).toContain("await queryRunner.createIndex('orders', new TableIndex({ name: 'orders_user_id_idx', columnNames: ['user_id'], isUnique: false }));");
    expect(code).toContain("await queryRunner.query('CREATE INDEX orders_tags_idx ON public.orders USING gin (tags)');");
    expect(code).not.toContain('transaction = false');
  });

  it('sets transaction = false for steps that refuse a transaction', async () => {
    const code = only(await files('typeorm', { from: TO, to: `${TO}\ncreate index users_email_idx on users (email);`, concurrently: true }));
    checkTs(code);
    expect(code).toContain('  transaction = false;');
  });
});

describe('Sequelize emitter', () => {
  it('names the file <timestamp>-<name>.js and writes queryInterface calls inside a transaction', async () => {
    const list = await files('sequelize');
    expect(list.map((f) => f.path)).toEqual(['20250102030405-add-orders.js']);
    const code = only(list);
    checkJs(code);
    expect(code).toContain('module.exports = {');
    expect(code).toContain('await queryInterface.sequelize.transaction(async (transaction) => {');
    expect(code).toContain("await queryInterface.addIndex('orders', ['user_id'], { name: 'orders_user_id_idx', unique: false, transaction });");
    expect(code).toContain("await queryInterface.addConstraint('orders', { type: 'foreign key', name: 'orders_user_id_fkey', fields: ['user_id'], references: { table: 'users', fields: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION', transaction });");
    // createTable cannot hold a CHECK constraint: the table is SQL.
    expect(code).toMatch(/await queryInterface\.sequelize\.query\(`CREATE TABLE public\.orders/);
    expect(code).toContain("await queryInterface.dropTable('orders', { transaction });");
  });

  it('writes createTable with Sequelize.literal defaults when the table fits', async () => {
    const code = only(await files('sequelize', { to: `${FROM}\ncreate table notes (id integer primary key, body text not null default 'x', unique (body));` }));
    checkJs(code);
    expect(code).toContain("'body': { type: 'text', allowNull: false, defaultValue: Sequelize.literal('\\'x\\'::text') },");
    expect(code).toContain("'notes_body_key': { fields: ['body'] },");
  });
});

describe('Prisma emitter', () => {
  it('writes <timestamp>_<name>/migration.sql with Prisma headings, a down.sql and migration_lock.toml', async () => {
    const list = await files('prisma');
    expect(list.map((f) => f.path)).toEqual(['20250102030405_add_orders/migration.sql', '20250102030405_add_orders/down.sql', 'migration_lock.toml']);
    const [migration, down, lock] = list.map((f) => f.content) as [string, string, string];
    expect(migration).toMatch(/^-- CreateTable\nCREATE TABLE public\.orders/m);
    expect(migration).toContain('-- CreateIndex\nCREATE INDEX orders_user_id_idx');
    expect(migration).toContain('-- AddConstraint\nALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey');
    expect(down).toContain('DROP TABLE public.orders;');
    expect(lock).toBe('# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  });

  it('keeps migration_lock.toml that is already there and gives a step that refuses a transaction its own folder', async () => {
    const plan = makePlan('postgres', [step('CREATE TABLE t (a int)', 'DROP TABLE t'), step('CREATE INDEX CONCURRENTLY i ON t (a)', 'DROP INDEX CONCURRENTLY i', false), step('CREATE TABLE u (a int)', 'DROP TABLE u')], true);
    const list = EMITTERS.prisma.emit(plan, options({ existing: [{ path: 'migration_lock.toml', content: '' }] }));
    expect(list.map((f) => f.path)).toEqual([
      '20250102030405_m_1/migration.sql',
      '20250102030405_m_1/down.sql',
      '20250102030406_m_2/migration.sql',
      '20250102030406_m_2/down.sql',
      '20250102030407_m_3/migration.sql',
      '20250102030407_m_3/down.sql',
    ]);
    expect(list[2]!.content.match(/;\n/g)).toHaveLength(1);
  });
});

function step(sql: string, reverse: string, transactional = true, extra: Partial<Step> = {}): Step {
  return { sql: [sql], reverse: { kind: 'sql', sql: [reverse] }, hazards: [], phase: 'migrate', transactional, description: sql.toLowerCase(), ...extra };
}

function options(extra: Partial<EmitOptions> = {}): EmitOptions {
  return { name: 'm', prefix: '001', timestamp: '20250102030405', existing: [], ...extra };
}

describe('every Node format', () => {
  const formats = ['knex', 'typeorm', 'sequelize', 'prisma'] as const;
  const destructive = makePlan('postgres', [step('DROP TABLE t', 'CREATE TABLE t (a int)', true, { hazards: [hazard('DATA_LOSS', 'drops t')] })], true);
  const irreversible = makePlan('postgres', [{ ...step('ALTER TYPE m RENAME VALUE a TO b', ''), reverse: { kind: 'irreversible', reason: 'no way back' } }], true);

  for (const format of formats) {
    it(`${format}: is byte-identical for the same plan, guards data loss, and refuses to undo the irreversible`, () => {
      const emitter = EMITTERS[format];
      expect(emitter.usesTimestamp).toBe(true);
      expect(emitter.emit(destructive, options())).toEqual(emitter.emit(destructive, options()));
      const guarded = emitter.emit(destructive, options()).map((f) => f.content).join('\n');
      expect(guarded).toMatch(/this migration loses data/);
      expect(emitter.emit(destructive, options({ allowDataLoss: true })).map((f) => f.content).join('\n')).not.toMatch(/this migration loses data/);
      expect(emitter.emit(irreversible, options()).map((f) => f.content).join('\n')).toMatch(/irreversible step: alter type m rename value a to b/);
    });
  }

  it('converts names and times as the tools do', () => {
    expect(pascalCase('add_orders_2')).toBe('AddOrders2');
    expect(pascalCase('2fa')).toBe('Migration2fa');
    expect(timestampMillis('20250102030405')).toBe(String(Date.UTC(2025, 0, 2, 3, 4, 5)));
    expect(plusSeconds('20251231235959', 1)).toBe('20260101000000');
  });

  it('chains after the migrations already in the folder, whatever the clock says', () => {
    const existing = [{ path: '20260101000000_later.js', content: '' }, { path: '20240101000000-older.js', content: '' }, { path: '20250601000000_x/migration.sql', content: '' }];
    expect(chainTimestamp('20250102030405', existing)).toBe('20260101000001');
    expect(chainTimestamp('20270102030405', existing)).toBe('20270102030405');
    expect(chainMillis('1735787045000', [{ path: '1800000000000-Later.ts', content: '' }])).toBe('1800000001000');
    const plan = makePlan('postgres', [step('CREATE TABLE t (a int)', 'DROP TABLE t')], true);
    expect(EMITTERS.knex.emit(plan, options({ existing }))[0]!.path).toBe('20260101000001_m.js');
    expect(EMITTERS.sequelize.emit(plan, options({ existing }))[0]!.path).toBe('20260101000001-m.js');
    expect(EMITTERS.prisma.emit(plan, options({ existing }))[0]!.path).toBe('20260101000001_m/migration.sql');
    expect(EMITTERS.typeorm.emit(plan, options({ existing: [{ path: '1800000000000-Later.ts', content: '' }] }))[0]!.path).toBe('1800000001000-M.ts');
  });

  it('refuses a Prisma folder locked to another provider', () => {
    const plan = makePlan('postgres', [step('CREATE TABLE t (a int)', 'DROP TABLE t')], true);
    expect(() => EMITTERS.prisma.emit(plan, options({ existing: [{ path: 'migration_lock.toml', content: 'provider = "mysql"\n' }] }))).toThrow(/provider "mysql", not postgresql/);
  });
});
