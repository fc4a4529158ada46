/**
 * The part of the `pg` module Sequelize's PostgreSQL dialect uses (`Client` with connect/query/end,
 * `types`), served by a PGlite instance, so Sequelize runs its real query interface on PGlite. Passed
 * as Sequelize's `dialectModule`. Sequelize has no PGlite driver of its own.
 */
import type { PGlite } from '@electric-sql/pglite';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Callback = (error: Error | null, result?: unknown) => void;

interface PgResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  rowCount: number;
  command: string;
}

function pgResult(sql: string, result: { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }): PgResult {
  const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
  return { rows: result.rows, fields: result.fields, rowCount: result.affectedRows ?? result.rows.length, command };
}

/**
 * pg returns values as pg-types parses them (arrays of unregistered types stay text, which Sequelize
 * parses itself); PGlite parses everything. Every type PGlite knows gets pg's parser instead.
 */
async function pgParsers(db: PGlite): Promise<Record<number, (value: string) => unknown>> {
  const types = (require('pg') as typeof import('pg')).types;
  const oids = (await db.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_catalog.pg_type')).rows.map((r) => r.oid);
  return Object.fromEntries(oids.map((oid) => [oid, (value: string) => types.getTypeParser(oid, 'text')(value)]));
}

export function pgPglite(db: PGlite): object {
  let parsers: Promise<Record<number, (value: string) => unknown>> | undefined;
  class Client extends EventEmitter {
    readonly connection = new EventEmitter();
    _ending = false;

    connect(callback?: Callback): Promise<void> | void {
      const ready = db.waitReady.then(() => undefined);
      if (!callback) return ready;
      ready.then(() => callback(null), (error: Error) => callback(error));
    }

    query(sql: string | { text: string; values?: unknown[] }, values?: unknown[] | Callback, callback?: Callback): Promise<unknown> | void {
      const text = typeof sql === 'string' ? sql : sql.text;
      const params = typeof values === 'function' ? (typeof sql === 'string' ? undefined : sql.values) : (values ?? (typeof sql === 'string' ? undefined : sql.values));
      const done = typeof values === 'function' ? values : callback;
      const run = async (): Promise<unknown> => {
        parsers ??= pgParsers(db);
        const options = { parsers: await parsers };
        if (params && params.length) return pgResult(text, await db.query(text, params, options));
        const results = await db.exec(text, options);
        const mapped = results.map((r) => pgResult(text, r as never));
        return mapped.length === 1 ? mapped[0] : mapped;
      };
      const promise = run();
      if (!done) return promise;
      promise.then((result) => done(null, result), (error: Error) => done(error));
    }

    end(callback?: Callback): Promise<void> | void {
      this._ending = true;
      if (!callback) return Promise.resolve();
      callback(null);
    }
  }
  return { Client, types: (require('pg') as typeof import('pg')).types };
}
