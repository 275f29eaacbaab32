-- Event intake, part two (issue 5): the webhook answer commits the event only; a dispatcher starts its
-- triage afterwards, or attaches it as evidence to the open incident it concerns. So that the dispatcher
-- can start the triage from the row alone, the report's flags are kept with the event.
alter table security_event add column funds_at_risk boolean default false not null;
alter table security_event add column actively_exploited boolean default false not null;
alter table security_event add column information_spill boolean default false not null;
-- PENDING (stored, not yet dispatched), TRIAGE_STARTED, ATTACHED (evidence on an open incident);
-- null for a person's report, whose triage is already running when the row is written
alter table security_event add column intake_state varchar(20);
alter table security_event add column dispatch_attempts integer default 0 not null;
alter table security_event add column next_dispatch_at timestamp with time zone;
alter table security_event add column dispatch_error varchar(2000);
alter table security_event add column dispatched_at timestamp with time zone;
update security_event set intake_state = 'TRIAGE_STARTED'
 where source is not null and triage_process_instance_id is not null;
update security_event set intake_state = 'PENDING'
 where source is not null and triage_process_instance_id is null;
create index security_event_intake_state on security_event (intake_state, next_dispatch_at, id);
-- correlation looks up the events of open incidents
create index security_event_incident on security_event (incident_id);
