create type mood as enum ('sad', 'meh', 'ok', 'happy', 'ecstatic');
create type color as enum ('blue', 'red');
create type "Status" as enum ('new', 'done');
create table t (id int primary key, m mood default 'ok', c color, cs color[], s "Status" default 'new');
create view v as select id, m from t;
