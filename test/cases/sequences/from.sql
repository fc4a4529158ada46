create sequence s1;
create sequence s_old;
create table t (id int primary key);
