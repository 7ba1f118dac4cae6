-- When each mission was last reviewed; existing missions count as reviewed now.
-- Not a defect, and backward-safe, but slow under data: a column whose default is volatile
-- (clock_timestamp()) makes PostgreSQL rewrite the whole table, holding an ACCESS EXCLUSIVE lock that
-- blocks every read and write of missions until the migration commits. Tollgate's lock probe shows it.
alter table missions add column reviewed_at timestamptz default clock_timestamp();
