create type mood as enum ('sad', 'ok', 'happy');
create type color as enum ('red', 'green', 'blue');
create type gone as enum ('x');
create table t (id int primary key, m mood default 'ok', c color, cs color[]);
create view v as select id, m from t;
