create schema gone_schema;
create table t (id int primary key, a text);
create index t_a on t (a);
