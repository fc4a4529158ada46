create table base (id int, name text);
create table child (extra int) inherits (base);
create table u (id int);
