// A seeded, deterministic generator of realistic PostgreSQL schemas for the benchmark: N tables of 5–30
// columns (identity keys, enums, text, numerics, jsonb, timestamps, defaults, checks), indexes (plain,
// unique, partial, multi-column), foreign keys to earlier tables, comments and a few views; and a
// changed copy in which about 10% of the tables are touched.

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['account', 'order', 'invoice', 'customer', 'product', 'shipment', 'payment', 'review', 'ticket', 'session', 'event', 'report', 'asset', 'contract', 'device', 'message', 'project', 'task', 'team', 'vendor'];
const WORDS = ['name', 'title', 'status_note', 'amount', 'quantity', 'price', 'email', 'phone', 'city', 'country', 'code', 'label', 'score', 'weight', 'notes', 'payload', 'external_ref', 'created_by', 'approved', 'archived', 'rank', 'version', 'started_on', 'ended_on', 'metadata', 'summary', 'priority', 'ratio', 'token', 'region'];
const MOODS = ['draft', 'active', 'pending', 'paused', 'closed', 'archived', 'failed', 'done'];

const TYPES = [
  { type: 'text', def: () => `''` },
  { type: 'varchar(120)', def: () => `'n/a'` },
  { type: 'integer', def: (r) => String(Math.floor(r() * 10)) },
  { type: 'bigint', def: () => '0' },
  { type: 'numeric(12,2)', def: () => '0' },
  { type: 'boolean', def: () => 'false' },
  { type: 'timestamptz', def: () => 'now()' },
  { type: 'date', def: () => 'CURRENT_DATE' },
  { type: 'jsonb', def: () => `'{}'::jsonb` },
  { type: 'uuid', def: () => 'gen_random_uuid()' },
  { type: 'double precision', def: () => '0' },
  { type: 'smallint', def: () => '1' },
];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const between = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n) => String(n).padStart(4, '0');

/** The schema as plain data, so the changed copy is the same data edited, not a second generator. */
export function generateModel(size, seed = 42) {
  const r = rng(seed * 1000003 + size);
  const enumCount = Math.max(2, Math.min(40, Math.round(size / 25)));
  const enums = Array.from({ length: enumCount }, (_, i) => ({ name: `${pick(r, NOUNS)}_state_${i}`, labels: MOODS.slice(0, between(r, 3, MOODS.length)) }));
  const tables = [];
  for (let i = 0; i < size; i++) {
    const name = `${pick(r, NOUNS)}_${pad(i)}`;
    const columns = [
      { name: 'id', type: 'bigint', identity: true, notNull: true },
      { name: 'label', type: 'text', notNull: true },
    ];
    const count = between(r, 5, 30);
    const fks = [];
    const fkCount = i === 0 ? 0 : Math.min(i, between(r, 0, 3));
    for (let f = 0; f < fkCount; f++) {
      const target = Math.floor(r() * i);
      if (fks.some((k) => k.target === target)) continue;
      fks.push({ column: `${tables[target].name}_id`, target, onDelete: pick(r, ['CASCADE', 'RESTRICT', 'SET NULL', 'NO ACTION']) });
      columns.push({ name: `${tables[target].name}_id`, type: 'bigint', notNull: false });
    }
    const used = new Set(columns.map((c) => c.name));
    while (columns.length < count) {
      let col = pick(r, WORDS);
      if (used.has(col)) col = `${col}_${columns.length}`;
      used.add(col);
      const useEnum = r() < 0.08;
      const t = useEnum ? { type: pick(r, enums).name, def: () => null } : pick(r, TYPES);
      const notNull = r() < 0.4;
      const hasDefault = r() < 0.35;
      const def = hasDefault ? (useEnum ? `'draft'` : t.def(r)) : null;
      columns.push({ name: col, type: t.type, notNull, default: def, check: !useEnum && /integer|numeric|smallint/.test(t.type) && r() < 0.2 ? `${col} >= 0` : null });
    }
    const indexes = [];
    const indexCount = between(r, 1, 3);
    for (let x = 0; x < indexCount; x++) {
      const col = pick(r, columns.slice(1));
      const unique = r() < 0.2;
      const second = r() < 0.3 ? pick(r, columns.slice(1)) : null;
      const cols = second && second.name !== col.name ? [col.name, second.name] : [col.name];
      const partial = r() < 0.15 ? `${col.name} IS NOT NULL` : null;
      const idxName = `${name}_${cols.join('_')}_${unique ? 'key' : 'idx'}`.slice(0, 63);
      if (indexes.some((ix) => ix.name === idxName)) continue;
      indexes.push({ name: idxName, columns: cols, unique, partial });
    }
    for (const fk of fks) indexes.push({ name: `${name}_${fk.column}_fk_idx`.slice(0, 63), columns: [fk.column], unique: false, partial: null });
    tables.push({ name, columns, fks, indexes, comment: r() < 0.3 ? `${name} records` : null });
  }
  const viewCount = Math.max(1, Math.min(50, Math.round(size / 50)));
  const views = [];
  for (let v = 0; v < viewCount; v++) {
    const child = tables[Math.floor(r() * size)];
    const fk = child.fks[0];
    views.push({ name: `v_${child.name}_${v}`, table: child.name, parent: fk ? { table: tables[fk.target].name, column: fk.column } : null });
  }
  return { enums, tables, views };
}

/** About 10% of the tables touched, with a mix of the changes a real release makes. */
export function changeModel(model, seed = 7) {
  const r = rng(seed * 7919 + model.tables.length);
  const next = structuredClone(model);
  const inViews = new Set(next.views.flatMap((v) => [v.table, v.parent?.table]).filter(Boolean));
  const referenced = new Set(next.tables.flatMap((t) => t.fks.map((f) => next.tables[f.target].name)));
  const touchCount = Math.max(1, Math.round(next.tables.length / 10));
  const chosen = new Set();
  while (chosen.size < Math.min(touchCount, next.tables.length)) chosen.add(Math.floor(r() * next.tables.length));
  let kind = 0;
  for (const index of [...chosen].sort((a, b) => a - b)) {
    const table = next.tables[index];
    const plain = table.columns.filter((c) => !['id', 'label'].includes(c.name) && !table.fks.some((f) => f.column === c.name) && !table.indexes.some((ix) => ix.columns.includes(c.name)));
    switch (kind++ % 7) {
      case 0:
        table.columns.push({ name: 'added_note', type: 'text', notNull: false, default: null });
        break;
      case 1:
        table.columns.push({ name: 'added_flag', type: 'boolean', notNull: true, default: 'false' });
        addIndex(table, { name: `${table.name}_added_flag_idx`.slice(0, 63), columns: ['added_flag'], unique: false, partial: 'added_flag' });
        break;
      case 2: {
        const col = plain.find((c) => c.type === 'varchar(120)') ?? plain.find((c) => c.type === 'integer');
        if (col) col.type = col.type === 'integer' ? 'bigint' : 'varchar(255)';
        else table.columns.push({ name: 'added_count', type: 'integer', notNull: true, default: '0' });
        break;
      }
      case 3: {
        const col = plain[0];
        if (col && !inViews.has(table.name)) table.columns = table.columns.filter((c) => c !== col);
        else table.comment = `${table.name}: changed`;
        break;
      }
      case 4:
        if (table.indexes.length > 0 && !table.indexes[0].name.endsWith('_fk_idx')) table.indexes.shift();
        addIndex(table, { name: `${table.name}_label_idx`.slice(0, 63), columns: ['label'], unique: false, partial: null });
        break;
      case 5: {
        const col = plain.find((c) => !c.notNull) ?? plain[0];
        if (col) col.notNull = !col.notNull;
        if (col && col.notNull && col.default === null && !col.type.includes('_state_')) col.default = (TYPES.find((t) => t.type === col.type)?.def ?? (() => null))(r);
        table.comment = `${table.name} (reviewed)`;
        break;
      }
      default: {
        const parent = Math.floor(r() * Math.max(1, index));
        if (parent !== index && !table.fks.some((f) => f.target === parent)) {
          const column = `${next.tables[parent].name}_ref`;
          table.columns.push({ name: column, type: 'bigint', notNull: false, default: null });
          table.fks.push({ column, target: parent, onDelete: 'SET NULL' });
          addIndex(table, { name: `${table.name}_${column}_idx`.slice(0, 63), columns: [column], unique: false, partial: null });
        } else {
          table.columns.push({ name: 'added_at', type: 'timestamptz', notNull: false, default: 'now()' });
        }
      }
    }
  }
  // A release also adds tables, drops an unreferenced one, extends an enum and redefines a view.
  const added = Math.max(1, Math.round(next.tables.length / 100));
  for (let i = 0; i < added; i++) {
    const target = Math.floor(r() * next.tables.length);
    const name = `audit_${pad(i)}`;
    next.tables.push({
      name,
      columns: [
        { name: 'id', type: 'bigint', identity: true, notNull: true },
        { name: 'label', type: 'text', notNull: true },
        { name: `${next.tables[target].name}_id`, type: 'bigint', notNull: true },
        { name: 'happened_at', type: 'timestamptz', notNull: true, default: 'now()' },
        { name: 'payload', type: 'jsonb', notNull: false, default: null },
      ],
      fks: [{ column: `${next.tables[target].name}_id`, target, onDelete: 'CASCADE' }],
      indexes: [{ name: `${name}_happened_at_idx`, columns: ['happened_at'], unique: false, partial: null }],
      comment: null,
    });
  }
  const droppable = next.tables.findIndex((t, i) => i > 0 && !referenced.has(t.name) && !inViews.has(t.name) && !chosen.has(i) && !t.name.startsWith('audit_'));
  if (droppable > 0) next.tables[droppable] = { ...next.tables[droppable], dropped: true };
  next.enums[0].labels = [...next.enums[0].labels, 'superseded'];
  next.views[0] = { ...next.views[0], extra: true };
  return next;
}

function addIndex(table, index) {
  if (!table.indexes.some((ix) => ix.name === index.name)) table.indexes.push(index);
}

const q = (name) => `"${name}"`;

/** The model as a schema dump: one statement per object, in dependency order. */
export function renderSql(model) {
  const out = ['-- generated by bench/generate-schema.mjs', ''];
  for (const e of model.enums) out.push(`CREATE TYPE ${q(e.name)} AS ENUM (${e.labels.map((l) => `'${l}'`).join(', ')});`);
  out.push('');
  const live = model.tables.filter((t) => !t.dropped);
  for (const t of live) {
    const lines = t.columns.map((c) => {
      const parts = [`  ${q(c.name)} ${c.type.includes('_state_') ? q(c.type) : c.type}`];
      if (c.identity) parts.push('GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY');
      else {
        if (c.notNull) parts.push('NOT NULL');
        if (c.default !== null && c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
        if (c.check) parts.push(`CHECK (${c.check})`);
      }
      return parts.join(' ');
    });
    out.push(`CREATE TABLE ${q(t.name)} (\n${lines.join(',\n')}\n);`);
    if (t.comment) out.push(`COMMENT ON TABLE ${q(t.name)} IS '${t.comment}';`);
    for (const ix of t.indexes) {
      out.push(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${q(t.name)} (${ix.columns.map(q).join(', ')})${ix.partial ? ` WHERE ${ix.partial}` : ''};`);
    }
    out.push('');
  }
  for (const t of live) {
    for (const fk of t.fks) {
      const target = model.tables[fk.target];
      if (target.dropped) continue;
      out.push(`ALTER TABLE ${q(t.name)} ADD CONSTRAINT ${q(`${t.name}_${fk.column}_fkey`.slice(0, 63))} FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(target.name)} (id) ON DELETE ${fk.onDelete};`);
    }
  }
  out.push('');
  for (const v of model.views) {
    const cols = [`c.id`, `c.label`, ...(v.parent ? [`p.label AS parent_label`] : []), ...(v.extra ? [`upper(c.label) AS label_upper`] : [])];
    const from = v.parent ? `${q(v.table)} c LEFT JOIN ${q(v.parent.table)} p ON p.id = c.${q(v.parent.column)}` : `${q(v.table)} c`;
    out.push(`CREATE VIEW ${q(v.name)} AS SELECT ${cols.join(', ')} FROM ${from};`);
  }
  return `${out.join('\n')}\n`;
}

/** from.sql and to.sql text for a size. */
export function schemaPair(size, seed = 42) {
  const model = generateModel(size, seed);
  return { from: renderSql(model), to: renderSql(changeModel(model)) };
}
