-- Nullable, so 1.0.0 code that does not know the column keeps inserting rows.
alter table missions add column priority integer;
