-- Run on the restored dump before the previous release starts: no real address leaves production,
-- and the scratch rows are not worth rehearsing on. One transaction: all of it or none.
update missions set owner = 'owner-' || id || '@example.invalid';
delete from missions where name like 'scratch-%';
