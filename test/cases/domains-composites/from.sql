create domain posint as int check (value > 0);
create type pair as (a int, b text);
create table t (id int primary key, p posint);
