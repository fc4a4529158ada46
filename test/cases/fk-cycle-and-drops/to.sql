create table x (id int primary key, y_id int);
create table y (id int primary key, x_id int references x(id));
alter table x add constraint x_y_fk foreign key (y_id) references y(id);
