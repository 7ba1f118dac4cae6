-- Missions from before priorities existed get the middle priority, the one new missions default to.
-- DEFECT: a backfill that never finishes in any reasonable budget (here an hour of pg_sleep, standing
-- in for a full-table rewrite under a lock); the release never serves and its session holds the
-- migration's transaction open until it is ended.
select pg_sleep(3600);
update missions set priority = 3 where priority is null;
