create extension btree_gist;
create table parent (id int primary key, code text unique);
create table child (id int primary key, parent_id int references parent(id) on delete cascade on update set null deferrable initially deferred,
  qty int check (qty > 0), during tsrange, constraint no_overlap exclude using gist (id with =, during with &&));
alter table child add constraint qty_small check (qty < 1000) not valid;
alter table child add constraint child_code_fk foreign key (parent_id) references parent(id) not valid;
