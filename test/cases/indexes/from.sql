create table t (id int primary key, a int, b text, c jsonb, d tsvector, e int, f timestamptz);
create index t_a_idx on t (a);
