create table parent (id int primary key, code text);
create table child (id int, parent_id int, qty int);
