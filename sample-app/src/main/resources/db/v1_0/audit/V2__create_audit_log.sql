create table audit_log (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    request_id text        not null,
    subject    text,
    action     text        not null,
    resource   text,
    outcome    text        not null
);

-- Append-only: history that can be rewritten is not evidence.
create function audit_log_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function audit_log_append_only();
