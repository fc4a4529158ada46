CREATE TABLE shipments (id integer PRIMARY KEY, weight_grams integer NOT NULL, sent_on date);
CREATE VIEW heavy_shipments AS
  SELECT id, weight_grams / 1000.0 AS weight_kg, sent_on FROM shipments WHERE weight_grams > 20000;
