create table t (id int not null, a int, total int, txt text, g int generated always as (id * 2) stored);
