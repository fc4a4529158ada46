import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = await PGlite.create();
console.log('cold', Date.now()-t); t=Date.now();
const r = await db.query('select version()'); console.log(r.rows[0]);
let sql='';
for (let i=0;i<1000;i++){ sql+=`create table t${i} (id serial primary key, name varchar(40) not null default 'x', email text unique, n numeric(10,2) check (n>0), created_at timestamptz default now());\ncreate index on t${i}(name);\n`;}
t=Date.now(); await db.exec(sql); console.log('1000 tables exec', Date.now()-t);
t=Date.now(); const c = await db.clone?.(); console.log('clone', typeof db.clone, Date.now()-t);
t=Date.now(); const d2 = await PGlite.create(); console.log('cold2', Date.now()-t);
t=Date.now(); const q = await db.query(`select c.relname, a.attname, format_type(a.atttypid,a.atttypmod), pg_get_expr(d.adbin,d.adrelid) from pg_attribute a join pg_class c on c.oid=a.attrelid left join pg_attrdef d on d.adrelid=a.attrelid and d.adnum=a.attnum where c.relnamespace='public'::regnamespace and a.attnum>0`); console.log('introspect cols', q.rows.length, Date.now()-t);
