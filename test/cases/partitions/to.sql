create table events (id int, at date not null, payload text) partition by range (at);
create table events_2020 partition of events for values from ('2020-01-01') to ('2022-01-01');
create table events_2022 partition of events for values from ('2022-01-01') to ('2023-01-01');
create table events_default partition of events default;
create table events_old (id int, at date not null, payload text);
create table by_list (k text not null, v int) partition by list (k);
create table by_list_a partition of by_list for values in ('a', 'b');
