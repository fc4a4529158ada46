/**
 * The framework emitters without their runners (those are in test/frameworks): file names, chaining onto
 * the folder's existing migrations, byte-identical output, and each format's idioms.
 */
import { describe, expect, it } from 'vitest';
import { hazard } from '../../src/core/hazard.js';
import type { Column, Index } from '../../src/core/model.js';
import { makePlan, type Step } from '../../src/core/plan.js';
import { alembicHeads, djangoChain, nextVersion, revisionId } from '../../src/emit/chain.js';
import type { EmitOptions } from '../../src/emit/emitter.js';
import { frameworkPlan } from '../../src/emit/framework-steps.js';
import { EMITTERS } from '../../src/emit/registry.js';
import { parseGoose } from '../frameworks/sql-file-runners.js';

const column = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, notNull: false, ...extra });
const index = (name: string, keys: string[], extra: Partial<Index> = {}): Index => ({ name, unique: false, method: 'btree', keys, definition: '', ...extra });

const addColumn: Step = {
  sql: ["ALTER TABLE public.users ADD COLUMN email character varying(255) DEFAULT 'x'::character varying NOT NULL"],
  reverse: { kind: 'sql', sql: ['ALTER TABLE public.users DROP COLUMN email'] },
  hazards: [],
  phase: 'migrate',
  transactional: true,
  description: 'add column public.users.email',
  change: { kind: 'add_column', table: 'public.users', to: column('email', 'character varying(255)', { notNull: true, default: "'x'::character varying" }), position: 2 },
};
const concurrentIndex: Step = {
  sql: ['CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON public.users USING btree (email) WHERE (email IS NOT NULL)'],
  reverse: { kind: 'sql', sql: ['DROP INDEX CONCURRENTLY IF EXISTS public.users_email_idx'] },
  hazards: [],
  phase: 'migrate',
  transactional: false,
  description: 'create index users_email_idx on public.users',
  change: { kind: 'add_index', table: 'public.users', to: index('users_email_idx', ['email'], { unique: true, where: '(email IS NOT NULL)' }) },
};
const fn: Step = {
  sql: ["CREATE FUNCTION public.f() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN\n  RETURN 1;\nEND $$"],
  reverse: { kind: 'sql', sql: ['DROP FUNCTION public.f()'] },
  hazards: [],
  phase: 'migrate',
  transactional: true,
  description: "create function public.f() with 'quotes' and \\backslash",
};
const dropTable: Step = {
  sql: ['DROP TABLE public.old'],
  reverse: { kind: 'irreversible', reason: 'rows are gone' },
  hazards: [hazard('DATA_LOSS', 'drops public.old')],
  phase: 'migrate',
  transactional: true,
  description: 'drop table public.old',
};

const simple = makePlan('postgres', [addColumn, fn], true);
const mixed = makePlan('postgres', [addColumn, concurrentIndex, fn], true);
const options: EmitOptions = { name: 'add_email', prefix: '20250101120000', timestamp: '20250101120000', existing: [] };

describe('framework emitters', () => {
  it('name their files the way each framework does', () => {
    const paths = Object.fromEntries(Object.entries(EMITTERS).map(([format, e]) => [format, e.emit(mixed, options).map((f) => f.path)]));
    expect(paths.alembic).toEqual([`${revisionId('20250101120000', 'add_email')}_add_email.py`]);
    expect(paths.django).toEqual(['0001_add_email.py']);
    expect(paths.rails).toEqual(['20250101120000_add_email.rb']);
    expect(paths.laravel).toEqual(['2025_01_01_120000_add_email.php']);
    expect(paths.doctrine).toEqual(['Version20250101120000.php']);
    // the concurrent index gets a version of its own in the SQL-file formats
    expect(paths['golang-migrate']).toEqual([
      '20250101120000_add_email.up.sql', '20250101120000_add_email.down.sql',
      '20250101120001_add_email.up.sql', '20250101120001_add_email.down.sql',
      '20250101120002_add_email.up.sql', '20250101120002_add_email.down.sql',
    ]);
    expect(paths.goose).toEqual(['20250101120000_add_email.sql', '20250101120001_add_email.sql', '20250101120002_add_email.sql']);
  });

  it('give byte-identical output for the same plan and options', () => {
    for (const emitter of Object.values(EMITTERS)) expect(emitter.emit(mixed, options)).toEqual(emitter.emit(mixed, { ...options }));
  });

  it('declare that they name files by time, except Django and plain SQL', () => {
    const timed = Object.entries(EMITTERS).filter(([, e]) => e.usesTimestamp).map(([f]) => f).sort();
    expect(timed).toEqual(['alembic', 'doctrine', 'golang-migrate', 'goose', 'knex', 'laravel', 'prisma', 'rails', 'sequelize', 'typeorm']);
  });
});

describe('chaining onto existing migrations', () => {
  it('Alembic: down_revision is the folder head; revision ids are derived, not random', () => {
    expect(revisionId('20250101120000', 'a')).toBe(revisionId('20250101120000', 'a'));
    expect(revisionId('20250101120000', 'a')).not.toBe(revisionId('20250101120001', 'a'));
    const existing = [
      { path: 'aaa_first.py', content: "revision = 'aaa'\ndown_revision = None\n" },
      { path: 'bbb_second.py', content: 'revision: str = "bbb"\ndown_revision: Union[str, None] = "aaa"\n' },
    ];
    expect(alembicHeads(existing)).toEqual(['bbb']);
    const file = EMITTERS.alembic.emit(simple, { ...options, existing })[0]!.content;
    expect(file).toContain('down_revision = "bbb"');
    expect(file).toContain(`revision = "${revisionId('20250101120000', 'add_email')}"`);
    expect(alembicHeads([...existing, { path: 'ccc_branch.py', content: "revision = 'ccc'\ndown_revision = 'aaa'\n" }])).toEqual(['bbb', 'ccc']);
  });

  it("Django: the next number, dependencies on the app's leaf migration and its label", () => {
    const existing = [
      { path: '0001_initial.py', content: 'dependencies = []\n' },
      { path: '0002_more.py', content: "dependencies = [('shop', '0001_initial')]\n" },
      { path: '__init__.py', content: '' },
    ];
    expect(djangoChain(existing, 'app')).toEqual({ leaves: ['0002_more'], next: '0003', label: 'shop' });
    const file = EMITTERS.django.emit(simple, { ...options, existing })[0]!;
    expect(file.path).toBe('0003_add_email.py');
    expect(file.content).toContain('("shop", "0002_more"),');
  });

  it('golang-migrate and goose continue a numbered folder, else use the timestamp', () => {
    expect(nextVersion([{ path: '000004_x.up.sql', content: '' }], '20250101120000', 6)).toEqual({ version: '000005', sequence: true });
    expect(nextVersion([], '20250101120000', 6)).toEqual({ version: '20250101120000', sequence: false });
    const files = EMITTERS.goose.emit(simple, { ...options, existing: [{ path: '00009_x.sql', content: '' }] });
    expect(files.map((f) => f.path)).toEqual(['00010_add_email.sql']);
  });
});

describe('idioms', () => {
  it('Alembic: op.add_column with server_default, create_index with postgresql_where inside autocommit_block, op.execute for the rest', () => {
    const file = EMITTERS.alembic.emit(mixed, options)[0]!.content;
    expect(file).toContain(`op.add_column("users", sa.Column("email", sa.String(length=255), nullable=False, server_default=sa.text("'x'::character varying")))`);
    expect(file).toMatch(/with op\.get_context\(\)\.autocommit_block\(\):\n {8}# create index users_email_idx on public\.users\n {8}op\.create_index\("users_email_idx", "users", \["email"\], unique=True, postgresql_where=sa\.text\("\(email IS NOT NULL\)"\), postgresql_concurrently=True\)/);
    expect(file).toContain('op.execute(sa.text("CREATE FUNCTION');
    expect(file).toMatch(/def downgrade\(\):[\s\S]*op\.drop_index\("users_email_idx", table_name="users", postgresql_concurrently=True\)[\s\S]*op\.drop_column\("users", "email"\)/);
  });

  it('Rails: change with reversible blocks for SQL, up/down when a step is irreversible or transactions mix, disable_ddl_transaction! for concurrent builds', () => {
    const reversible = EMITTERS.rails.emit(makePlan('postgres', [addColumn], true), options)[0]!.content;
    expect(reversible).toContain('class AddEmail < ActiveRecord::Migration[6.1]');
    expect(reversible).toContain("def change\n    # add column public.users.email\n    add_column :users, :email, :string, limit: 255, null: false, default: -> { '\\'x\\'::character varying' }");
    const withSql = EMITTERS.rails.emit(simple, options)[0]!.content;
    expect(withSql).toMatch(/def change\n[\s\S]*reversible do \|dir\|\n {6}dir\.up do\n {8}execute 'CREATE FUNCTION[\s\S]*dir\.down do\n {8}execute 'DROP FUNCTION public\.f\(\)'/);
    const irreversible = EMITTERS.rails.emit(makePlan('postgres', [addColumn, dropTable], true), { ...options, allowDataLoss: true })[0]!.content;
    expect(irreversible).toContain("raise ActiveRecord::IrreversibleMigration, 'irreversible step: drop table public.old: rows are gone'");
    expect(irreversible).not.toContain('def change');
    const file = EMITTERS.rails.emit(mixed, options)[0]!.content;
    expect(file).toContain('disable_ddl_transaction!');
    expect(file).toContain("add_index :users, :email, name: 'users_email_idx', unique: true, where: '(email IS NOT NULL)', algorithm: :concurrently");
    expect(file).toMatch(/def up\n {4}transaction do\n/);
    expect(file).toContain("execute 'CREATE FUNCTION public.f() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN\n  RETURN 1;\nEND $$'");
  });

  it('Django: RunSQL with reverse_sql, without it when irreversible, atomic = False for concurrent builds', () => {
    const file = EMITTERS.django.emit(makePlan('postgres', [dropTable, concurrentIndex], true), { ...options, allowDataLoss: true })[0]!.content;
    expect(file).toContain('atomic = False');
    const drop = file.slice(file.indexOf('# drop table public.old'), file.indexOf('# create index'));
    expect(drop).toContain('"DROP TABLE public.old"');
    expect(drop).not.toContain('reverse_sql');
    expect(file).toContain('"DROP INDEX CONCURRENTLY IF EXISTS public.users_email_idx"');
  });

  it('Laravel: an anonymous migration with Schema::table and a Blueprint, DB::unprepared for SQL', () => {
    const file = EMITTERS.laravel.emit(mixed, options)[0]!.content;
    expect(file).toContain('return new class extends Migration');
    expect(file).toContain('public $withinTransaction = false;');
    expect(file).toContain("Schema::table('users', function (Blueprint $table) {\n                $table->string('email', 255)->default(DB::raw('\\'x\\'::character varying'));");
    expect(file).toContain("DB::unprepared('CREATE UNIQUE INDEX CONCURRENTLY");
    expect(file).toContain('DB::transaction(function () {');
  });

  it('Doctrine: addSql in up and down, isTransactional() false, throwIrreversibleMigrationException', () => {
    const file = EMITTERS.doctrine.emit(makePlan('postgres', [dropTable, concurrentIndex], true), { ...options, allowDataLoss: true })[0]!.content;
    expect(file).toContain('final class Version20250101120000 extends AbstractMigration');
    expect(file).toContain("$this->addSql('DROP TABLE public.old');");
    expect(file).toContain("$this->throwIrreversibleMigrationException('drop table public.old: rows are gone');");
    expect(file).toMatch(/public function isTransactional\(\): bool\n {4}\{\n {8}return false;/);
  });

  it('goose: NO TRANSACTION for the concurrent build, StatementBegin/End around the function, parseable by its rules', () => {
    const files = EMITTERS.goose.emit(mixed, options);
    expect(files[1]!.content.startsWith('-- +goose NO TRANSACTION\n')).toBe(true);
    expect(files[2]!.content).toContain('-- +goose StatementBegin\nCREATE FUNCTION');
    const parsed = parseGoose(files[2]!.content);
    expect(parsed.up).toHaveLength(1);
    expect(parsed.down).toEqual(['DROP FUNCTION public.f();']);
  });

  it('every format stops a migration that loses data unless that is allowed', () => {
    const destructive = makePlan('postgres', [dropTable], true);
    expect(frameworkPlan(destructive, false).guard).toBeDefined();
    expect(frameworkPlan(destructive, true).guard).toBeUndefined();
    const marks: Record<string, string> = {
      alembic: 'raise RuntimeError', django: 'RunPython(refuse', rails: 'raise ActiveRecord::MigrationError', laravel: 'throw new \\RuntimeException',
      doctrine: '$this->abortIf(true', 'golang-migrate': 'RAISE EXCEPTION', goose: 'RAISE EXCEPTION', sql: 'RAISE EXCEPTION',
      knex: 'throw new Error(', typeorm: 'throw new Error(', sequelize: 'throw new Error(', prisma: 'RAISE EXCEPTION',
    };
    for (const [format, emitter] of Object.entries(EMITTERS)) {
      const guarded = emitter.emit(destructive, options).map((f) => f.content).join('\n');
      const allowed = emitter.emit(destructive, { ...options, allowDataLoss: true }).map((f) => f.content).join('\n');
      expect(guarded, format).toContain(marks[format]);
      expect(allowed.includes('regenerate with --allow-data-loss'), format).toBe(false);
    }
  });
});

describe('dialect parameter', () => {
  it('Alembic on SQLite alters columns in batch mode', () => {
    const drop: Step = {
      sql: ['ALTER TABLE users DROP COLUMN email'],
      reverse: { kind: 'sql', sql: ['ALTER TABLE users ADD COLUMN email text'] },
      hazards: [],
      phase: 'migrate',
      transactional: true,
      description: 'drop column users.email',
      change: { kind: 'drop_column', table: 'users', from: column('email', 'text') },
    };
    const file = EMITTERS.alembic.emit(makePlan('sqlite', [drop], false), { ...options, allowDataLoss: true })[0]!.content;
    expect(file).toContain('with op.batch_alter_table("users") as batch_op:\n        batch_op.drop_column("email")');
    expect(file).toContain('op.add_column("users", sa.Column("email", sa.Text(), nullable=True))');
    expect(file).not.toContain('postgresql');
  });
});
