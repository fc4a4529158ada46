create table t (id int primary key, a int, b text);
create view v1 as select id, a from t;
create view v2 as select id from v1;
create materialized view mv as select id, a from t;
create index mv_a on mv (a);
create view gone as select 1 as one;
