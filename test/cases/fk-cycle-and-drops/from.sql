create table a (id int primary key, b_id int);
create table b (id int primary key, a_id int references a(id));
alter table a add constraint a_b_fk foreign key (b_id) references b(id);
create table leaf (id int primary key, a_id int references a(id));
