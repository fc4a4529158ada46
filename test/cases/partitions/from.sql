create table events (id int, at date not null, payload text) partition by range (at);
create table events_2020 partition of events for values from ('2020-01-01') to ('2021-01-01');
create table events_old partition of events for values from ('2000-01-01') to ('2001-01-01');
