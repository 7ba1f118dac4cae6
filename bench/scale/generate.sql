-- The scale benchmark's database (docs/benchmarks.md, "Scale"): 32 tables, narrow, medium, wide and
-- with TOAST-sized values, about 4.5 million rows per GB on disk. Every row is made in the server
-- with generate_series; none passes through a client. ScaleDatabase.java reads this file:
--   {scale}  the size asked for in GB (0.005 for 5 MB): row counts are proportional to it
--   {n}      the table's number in its family
-- A line "-- family NAME COUNT" starts a block (up to the next such line) that is made COUNT times,
-- each one a task of its own; tasks run side by side on two connections. Primary keys come after
-- the rows (one index build instead of a row-by-row insert), then VACUUM ANALYZE.

-- family lookup 2
-- Small tables (under KeptRows' 2000-row limit): the snapshot keeps their rows to name lost ones.
CREATE TABLE lookup_{n} (code int, label text NOT NULL, description text);
INSERT INTO lookup_{n}
SELECT i, 'label ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE md5((i * {n})::text) END
FROM generate_series(1, 500) i;
ALTER TABLE lookup_{n} ADD PRIMARY KEY (code);

-- family narrow 10
-- About 75 bytes a row with its key: many rows, little text.
CREATE TABLE narrow_{n} (id bigint, ref int NOT NULL, at timestamptz NOT NULL, ok boolean);
INSERT INTO narrow_{n}
SELECT i, (i * {n}) % 500 + 1, timestamptz '2026-01-01' + i * interval '1 second',
       CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END
FROM generate_series(1, round(300000 * {scale})::bigint) i;
ALTER TABLE narrow_{n} ADD PRIMARY KEY (id);

-- family medium 10
-- A service's usual table: names, e-mails, a status, money, two timestamps, notes; about 180 bytes a row.
CREATE TABLE medium_{n} (id bigint, account_id int NOT NULL, name text NOT NULL, email text NOT NULL,
    status text NOT NULL, amount numeric(12, 2), created_at timestamptz NOT NULL, updated_at timestamptz, notes text);
INSERT INTO medium_{n}
SELECT i, i % 10007, 'customer ' || i, 'user' || i || '@example' || {n} || '.org',
       (ARRAY['new', 'active', 'suspended', 'closed'])[1 + i % 4], (i % 100000) / 100.0,
       timestamptz '2025-01-01' + i * interval '7 seconds',
       CASE WHEN i % 5 = 0 THEN NULL ELSE timestamptz '2026-01-01' + i * interval '3 seconds' END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE md5(i::text || {n}) END
FROM generate_series(1, round(120000 * {scale})::bigint) i;
ALTER TABLE medium_{n} ADD PRIMARY KEY (id);

-- family wide 6
-- 30 columns of mixed types, a composite key; about 550 bytes a row.
CREATE TABLE wide_{n} (tenant int, id bigint, c_int1 int, c_int2 int, c_int3 int, c_big1 bigint, c_big2 bigint,
    c_num1 numeric(14, 4), c_num2 numeric(10, 2), c_real double precision, c_bool1 boolean, c_bool2 boolean,
    c_date1 date, c_date2 date, c_ts1 timestamptz, c_ts2 timestamp, c_text1 text, c_text2 text, c_text3 text,
    c_text4 text, c_text5 text, c_vc1 varchar(40), c_vc2 varchar(80), c_uuid uuid, c_json jsonb, c_arr int[],
    c_interval interval, c_bytes bytea, c_char char(8), c_small smallint);
INSERT INTO wide_{n}
SELECT i % 16, i, i % 1000, i % 77, i * 3, i * 1000003, i % 999983, i / 7.0, (i % 10000) / 100.0, i / 3.0,
       i % 2 = 0, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 3 = 0 END,
       date '2020-01-01' + (i % 2000)::int, date '2024-06-01' + (i % 400)::int,
       timestamptz '2026-01-01' + i * interval '1 second', timestamp '2026-01-01' + i * interval '2 seconds',
       md5(i::text), md5((i + 1)::text), 'text ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE md5((i * 7)::text) END,
       repeat('x', (i % 40)::int), 'code-' || (i % 5000), md5((i * 11)::text) || md5((i * 13)::text),
       md5(i::text || 'uuid')::uuid, jsonb_build_object('n', i, 'tag', 't' || (i % 10), 'score', i % 100),
       ARRAY[i % 10, i % 100, i % 1000], (i % 3600) * interval '1 second', decode(md5(i::text), 'hex'),
       lpad((i % 100000)::text, 8, '0'), (i % 32000)::smallint
FROM generate_series(1, round(60000 * {scale})::bigint) i;
ALTER TABLE wide_{n} ADD PRIMARY KEY (tenant, id);

-- family documents 4
-- A 4 kB body of hex digits (pglz does not shrink it) stored out of line in TOAST, and a jsonb.
CREATE TABLE documents_{n} (id bigint, title text NOT NULL, body text NOT NULL, attributes jsonb);
INSERT INTO documents_{n}
SELECT i, 'document ' || i,
       (SELECT string_agg(md5((i * 131 + j + {n})::text), '') FROM generate_series(1, 128) j),
       jsonb_build_object('author', 'user' || (i % 1000), 'tags', jsonb_build_array('a' || (i % 10), 'b' || (i % 7)),
           'pages', i % 300, 'draft', i % 5 = 0)
FROM generate_series(1, round(15000 * {scale})::bigint) i;
ALTER TABLE documents_{n} ADD PRIMARY KEY (id);
