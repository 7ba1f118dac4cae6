-- 2.0.0 calls a mission's name its title. A data migration, not a rename in place: add the new
-- column, copy every value, then enforce and drop. Code of 1.x reads "name" and stops working here.
alter table missions add column title text;
update missions set title = name;
alter table missions alter column title set not null;
alter table missions drop column name;
