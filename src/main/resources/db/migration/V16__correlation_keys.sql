-- Correlation on structured keys: an event is matched to an open incident or an open triage only by
-- its fingerprint, the registered contracts it names (chain id + address) or the monitor rule that
-- raised it on the same subject within a window; free words of a text never correlate.

-- what the source says beyond the text: the chain the alert is about and the rule (Forta bot and alert
-- id, OpenZeppelin Monitor name, Alertmanager alert name, a generic source's rule) that raised it
alter table security_event add column chain_id bigint;
alter table security_event add column monitor_rule varchar(300);

-- One row per key of an event: "fingerprint:<fingerprint>", "contract:<chain id>:<address>" for each
-- registered contract it names, "rule:<sha-256 of source, rule and subject>". received_at is the
-- event's, so that rule keys are looked up within their window by the index alone.
create table security_event_key (
    key_value    varchar(200) not null,
    event_id     bigint       not null references security_event (id),
    received_at  timestamp with time zone not null,
    primary key (key_value, event_id)
);
create index security_event_key_event on security_event_key (event_id);

-- an event gathered into another event's open triage (intake state GATHERED) carries that triage's
-- process instance in triage_process_instance_id; the triage's decision is then also its decision
create index security_event_triage_state on security_event (triage_process_instance_id, intake_state);

-- an incident merged into another one: its status is MERGED and this names the one it went into
alter table incident add column merged_into varchar(20) references incident (id);
