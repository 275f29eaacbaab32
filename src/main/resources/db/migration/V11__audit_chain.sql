-- Tamper-evident audit trail over timeline_entry (issue 7). Portable between H2 and PostgreSQL.
-- Rows are appended unsealed (no lock on the write path); TimelineSealer chains them afterwards, in id
-- order, under the row lock of timeline_chain: seal_seq is the entry's place in the chain, previous_hash
-- the entry_hash of seal_seq - 1 (64 zeros for the first), entry_hash the hex SHA-256 of AuditChain's
-- canonical text of the entry. incident_id is not hashed: an event's rows gain it when it is declared.
alter table timeline_entry add column seal_seq bigint;
alter table timeline_entry add column previous_hash varchar(64);
alter table timeline_entry add column entry_hash varchar(64);
create unique index timeline_entry_seal_seq on timeline_entry (seal_seq);

-- The head of the chain: one row, locked by the sealer while it seals (two nodes never seal at once).
create table timeline_chain (
    id             integer     primary key,
    last_seq       bigint      not null,
    last_hash      varchar(64) not null,
    last_entry_id  bigint,
    sealed_at      timestamp with time zone
);
insert into timeline_chain (id, last_seq, last_hash) values
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
