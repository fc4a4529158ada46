create sequence s1 increment by 5 minvalue 0 start 0 cache 10 cycle;
create table t (id int primary key, n bigint);
create sequence t_n_seq as bigint owned by t.n;
alter table t alter column n set default nextval('t_n_seq');
