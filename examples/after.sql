-- The schema the application needs next: email verification, order status, a rename.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE users (
  id serial PRIMARY KEY,
  full_name varchar(100) NOT NULL,
  email varchar(320) NOT NULL UNIQUE,
  email_verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  total numeric(10,2) NOT NULL CHECK (total >= 0),
  status order_status NOT NULL DEFAULT 'pending'
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
