-- Missions from before priorities existed get the middle priority, the one new missions default to.
update missions set priority = 3 where priority is null;
