-- The optional Forta GraphQL poller (issue 5): how far it got, so that a restart resumes there instead
-- of pulling the whole look-back again. One row per set of bots and chain polled (cursor_key: a hash of
-- both; scope: the same in words). Portable between H2 and PostgreSQL.
create table forta_poller_cursor (
    cursor_key         varchar(64)   primary key,
    scope              varchar(2000) not null,
    -- the newest createdAt among the alerts received so far
    newest_created_at  timestamp with time zone,
    -- when the last complete poll began (irflow's clock)
    polled_at          timestamp with time zone,
    updated_at         timestamp with time zone not null
);

-- The alerts of the overlap window already handed to the intake, by Forta's alert hash: polling the
-- overlap again does not hand them over (nor count them as duplicates) a second time, also after a
-- restart. Rows older than the next poll's start are removed at each poll.
create table forta_poller_seen (
    cursor_key   varchar(64)  not null references forta_poller_cursor (cursor_key),
    alert_hash   varchar(200) not null,
    created_at   timestamp with time zone not null,
    primary key (cursor_key, alert_hash)
);
