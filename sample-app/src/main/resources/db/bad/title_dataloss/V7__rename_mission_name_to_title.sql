-- 2.0.0's rename of a mission's name to its title, and a clean-up nobody asked for.
-- (DEFECT: "done missions are history" — they are deleted, and with them every path's old rows.)
alter table missions add column title text;
update missions set title = name;
alter table missions alter column title set not null;
alter table missions drop column name;
delete from missions where status = 'done';
