create table mission_tags (
    mission_id bigint references missions (id) on delete cascade,
    tag        text not null,
    primary key (mission_id, tag)
);
