create index missions_status_idx on missions (status);
-- DEFECT: a typo in a column name; the statement fails after the index was created.
update missions set priorty = 3 where priorty is null;
