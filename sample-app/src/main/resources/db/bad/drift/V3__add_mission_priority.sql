-- DEFECT: the result depends on the data. A clean install gets a NOT NULL column with a default;
-- an upgrade of a database with missions gets a nullable one. Same version, two schemas.
do
$$
begin
    if exists (select 1 from missions) then
        alter table missions add column priority integer;
    else
        alter table missions add column priority integer not null default 3;
    end if;
end;
$$;
