create table keep (id int primary key);
create table old_one (id int primary key, note text);
