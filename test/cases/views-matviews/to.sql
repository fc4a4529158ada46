create table t (id int primary key, a bigint, b text);
create view v1 as select id, a, b from t;
create view v2 as select id from v1;
create materialized view mv as select id, a, b from t;
create unique index mv_id on mv (id);
create view v3 with (security_barrier) as select id from t where a > 0;
