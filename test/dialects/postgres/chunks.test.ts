import fc from 'fast-check';
import { parseSync } from 'libpg-query';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { statementChunks, statementEnds } from '../../../src/dialects/postgres/chunks.js';
import { loadPostgresParser, parseMigration } from '../../../src/dialects/postgres/parser.js';

beforeAll(loadPostgresParser);

/** Everything a caller sees of a parse, or of its failure. */
function outcome(sql: string, chunkBytes?: number): unknown {
  try {
    const parsed = parseMigration(sql, 'm.sql', chunkBytes);
    return {
      statements: parsed.statements.map((s) => ({ ...s })),
      comments: parsed.comments,
      offsets: [0, 1, 5, 17, 100].map(parsed.toOffset),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { code: error.code, message: error.message, location: error.location };
  }
}

/** Statements whose quoting hides semicolons, or holds them in a body the grammar nests. */
const TRICKY = [
  `SELECT 'a;b'' c;'`,
  `SELECT E'x\\';y', e'\\\\'`,
  `SELECT E'a'\n  'b\\';c'`,
  `SELECT 'a'\n'b'';c'`,
  `SELECT $$a;b$$`,
  `SELECT $t$ $$ ; $t$, $u_1$;$u_1$`,
  `SELECT 1 /* c; /* nested ; */ still; */ + 2`,
  `-- line ; comment\nSELECT 2`,
  `SELECT "we;ird""id" FROM t`,
  `SELECT U&'d\\0061t;' , U&"a;b"`,
  `SELECT a$b, "x" FROM t$`,
  `PREPARE p AS SELECT $1::int`,
  `SELECT B'0101', X'1F', N'n;'`,
  `SELECT 'é;ü', '😀;', "ñ;"`,
  `CREATE TABLE t (a int, b text DEFAULT ';')`,
  `CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END`,
  `CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)`,
  `CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN RAISE NOTICE 'x;'; END $body$`,
  `SELECT 1e3, 2.5, 3, $$ ; $$`,
  `SELECT 1 -- trailing`,
  `/* only a comment ; */`,
  `SELECT 1 */* c */ 2`,
  ``,
];

describe('statementChunks', () => {
  it('covers the text with chunks that end after a statement and respect the size', () => {
    const sql = TRICKY.join(';\n') + ';\n-- the end\n';
    for (const max of [1, 20, 80, 1_000, 1_000_000]) {
      const chunks = statementChunks(sql, max);
      expect(chunks.map((c) => c.text).join('')).toBe(sql);
      for (const chunk of chunks) expect(sql.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
      for (const chunk of chunks.slice(0, -1)) expect(chunk.text.endsWith(';')).toBe(true);
      for (const chunk of chunks) {
        if (Buffer.byteLength(chunk.text) > max) expect(statementEnds(chunk.text).length).toBeLessThanOrEqual(1);
      }
    }
    expect(statementChunks('', 10)).toEqual([{ text: '', offset: 0 }]);
  });

  it('never ends a chunk inside a string, identifier, body, comment or parenthesis', () => {
    const sql = TRICKY.join(';\n') + ';';
    // Every boundary is one the parser agrees with: each chunk parses on its own.
    for (const chunk of statementChunks(sql, 1)) expect(() => parseSync(chunk.text)).not.toThrow();
    // The semicolon after `SELECT 1 -- trailing` is in the comment.
    expect(statementEnds(sql)).toHaveLength(TRICKY.length - 1);
  });
});

describe('parseMigration in chunks', () => {
  it('gives what parsing the whole text gives, for statements with tricky quoting', () => {
    const statement = fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.stringMatching(/^[a-z]{1,6}$/).map((w) => `SELECT '${w};'`),
      fc.tuple(fc.stringMatching(/^[a-z_]{0,4}$/), fc.string({ maxLength: 12 })).map(
        ([tag, body]) => `SELECT $${tag}$${body.replaceAll(`$${tag}$`, '')}$${tag}$`,
      ),
    );
    const separator = fc.constantFrom(';', ';\n', '; -- c\n', ';;', ';/* a */ ', ';\n\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(statement, separator), { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), (parts, max) => {
        const sql = parts.map(([s, sep]) => s + sep).join('');
        const whole = outcome(sql, Infinity);
        expect(outcome(sql, max)).toEqual(whole);
        if (sql.trim() && !('code' in (whole as object))) for (const chunk of statementChunks(sql, max)) expect(() => parseSync(chunk.text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('gives what parsing the whole text gives, errors included, for text made of quoting characters', () => {
    const text = fc
      .array(fc.constantFrom(`'`, `"`, `$`, `$a$`, `;`, `--`, `/*`, `*/`, `\n`, ` `, `E`, `\\`, `(`, `)`, `SELECT 1`, `x`, `é`, `BEGIN ATOMIC`, `END`), { maxLength: 40 })
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (sql, max) => {
        expect(outcome(sql, max)).toEqual(outcome(sql, Infinity));
      }),
      { numRuns: 3_000 },
    );
  });

  it('gives what parsing the whole text gives for every test case file', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.sql')) files.push(path);
      }
    };
    walk(join(import.meta.dirname, '../../cases'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const sql = readFileSync(file, 'utf8');
      const whole = outcome(sql, Infinity);
      expect(outcome(sql, 1), file).toEqual(whole);
      expect(outcome(sql, 512), file).toEqual(whole);
      // The chunks did parse on their own: the result did not come from the fallback.
      for (const chunk of statementChunks(sql, 1)) expect(() => parseSync(chunk.text), file).not.toThrow();
    }
  });

  it('ends an E string where a comment breaks its continuation, as PostgreSQL does', () => {
    const sql = `SELECT E'a' -- note ;\n 'b\\'; SELECT 'c';`;
    expect(statementEnds(sql)).toEqual([sql.indexOf(`'; SELECT`) + 2, sql.length]);
  });

  it('gives what parsing the whole text gives for a generated 200-table schema', async () => {
    const generator = new URL('../../../bench/generate-schema.mjs', import.meta.url).href;
    const { schemaPair } = (await import(generator)) as { schemaPair: (size: number) => { from: string; to: string } };
    const { to } = schemaPair(200);
    expect(statementChunks(to, 4096).length).toBeGreaterThan(20);
    expect(outcome(to, 4096)).toEqual(outcome(to, Infinity));
  });

  it('reports a syntax error at its place in the whole file', () => {
    const sql = `SELECT 1;\nSELECT 'x;';\nSELEC 2;\nSELECT 3;`;
    expect(outcome(sql, 1)).toMatchObject({ code: 'SYNTAX_ERROR', location: { file: 'm.sql', line: 3, column: 1 } });
    expect(outcome(sql, 1)).toEqual(outcome(sql, Infinity));
  });
});
