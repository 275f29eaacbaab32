-- One row per fingerprint the monitoring intake has seen. Every node's intake writer locks the rows of
-- its batch's fingerprints (an upsert, in ascending order) before it looks for earlier events with them,
-- in the same transaction: a second node storing the same fingerprint waits for the first one's commit
-- and then finds its event, so two nodes never both store a first event for one fingerprint.
create table intake_fingerprint (
    fingerprint     varchar(128) primary key,
    last_claimed_at timestamp with time zone not null
);

insert into intake_fingerprint (fingerprint, last_claimed_at)
select fingerprint, max(received_at) from security_event
 where fingerprint is not null and received_at is not null
 group by fingerprint;
