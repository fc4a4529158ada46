create domain posint as int not null default 1 check (value > 0) constraint small check (value < 100000);
create domain email as text check (value ~ '@');
create type pair as (a int, b varchar(10), c date);
create type point3 as (x float8, y float8, z float8);
create table t (id int primary key, p posint, e email, pt point3);
