create table articles (id serial primary key, title text not null, body text not null);
