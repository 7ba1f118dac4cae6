create table missions (
    id         bigserial primary key,
    name       text        not null,
    owner      text        not null,
    status     text        not null default 'planned' check (status in ('planned', 'active', 'done')),
    notes      text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
