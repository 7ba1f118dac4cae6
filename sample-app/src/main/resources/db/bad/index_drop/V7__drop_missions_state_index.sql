-- DEFECT: drops an index under a name PostgreSQL does not have (the index is missions_status_idx).
-- PostgreSQL rolls the whole migration back: Flyway records no failed row, history stops at 6.
drop index missions_state_idx;
