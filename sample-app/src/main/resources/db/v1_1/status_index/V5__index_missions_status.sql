create index missions_status_idx on missions (status);
