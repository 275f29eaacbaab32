-- Event intake from monitoring (issue 5): every alert becomes a security_event row, the same table the
-- human report writes, so that triage, incidents and the timeline read one kind of event.
-- Rows written by a person keep these columns empty (source null, duplicate_count 0).
alter table security_event add column source varchar(40);
alter table security_event add column source_severity varchar(20);
alter table security_event add column finding_type varchar(20);
alter table security_event add column fingerprint varchar(128);
-- the alert as received (raw JSON of that alert, unknown fields kept)
alter table security_event add column payload varchar(1048576);
alter table security_event add column received_at timestamp with time zone;
-- copies of the same fingerprint received within the de-duplication window: counted here, not stored
alter table security_event add column duplicate_count integer default 0 not null;
alter table security_event add column last_duplicate_at timestamp with time zone;
create index security_event_fingerprint on security_event (fingerprint, received_at);
