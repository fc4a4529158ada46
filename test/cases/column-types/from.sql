create table t (id int primary key, a varchar(10), b integer, c text, d timestamp, e json, f numeric(8,2), g char(3));
