-- Copies of an event's alert (the same fingerprint within the de-duplication window) are counted in a
-- row of their own, not on the event's row: the triage dispatcher holds the event's row locked while it
-- starts the event's triage (one transaction with the claim), and the intake's writer, which every
-- webhook answer waits for, must never wait for a triage.
create table security_event_copies (
    event_id     bigint primary key,
    copies       integer not null,
    last_copy_at timestamp with time zone not null
);

insert into security_event_copies (event_id, copies, last_copy_at)
select id, duplicate_count, coalesce(last_duplicate_at, received_at, reported_at) from security_event
 where duplicate_count > 0;

alter table security_event drop column duplicate_count;
alter table security_event drop column last_duplicate_at;
