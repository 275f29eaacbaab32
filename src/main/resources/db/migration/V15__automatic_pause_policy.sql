-- The policy an alert must meet to pause a registered contract without a person (loaded from
-- irflow.containment.contracts[i].automatic-pause at every start, as the rest of the registry).
-- Portable between H2 and PostgreSQL.
alter table protected_contract add column automatic_pause_minimum_severity varchar(20) default 'CRITICAL' not null;
-- comma-separated finding types, e.g. EXPLOIT
alter table protected_contract add column automatic_pause_finding_types varchar(200) default 'EXPLOIT' not null;
-- ISO 8601 duration within which two independent monitors' alerts corroborate each other
alter table protected_contract add column automatic_pause_window varchar(40) default 'PT10M' not null;
-- monitors whose alert alone may pause, one per line: forta:<bot id>, openzeppelin-monitor:<monitor name>, ...
alter table protected_contract add column automatic_pause_trusted_sources varchar(4000) default '' not null;
