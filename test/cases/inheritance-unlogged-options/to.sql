create table base (id int, name text);
create table child (extra int) inherits (base);
create unlogged table u (id int) with (fillfactor = 70);
create table other_child (x int) inherits (base);
