-- One pre-staged pause per Safe: the Safe transaction that pauses the registered contracts whose
-- preferred pauser is the Safe, built in advance for the Safe's nonce, owners and threshold as read
-- on-chain, so that an incident proposes it in one step. It is rebuilt when any of these drift, and
-- used by a pause only while it still matches the chain. Portable between H2 and PostgreSQL.
create table prestaged_pause (
    chain_id             bigint        not null,
    safe_address         varchar(42)   not null,   -- lower case
    safe_nonce           bigint        not null,   -- the nonce it was built for
    safe_owners          varchar(4000) not null,   -- the owners it was built against, lower case, comma-separated, in the Safe's order
    safe_threshold       integer       not null,
    contract_names       varchar(2000) not null,   -- comma-separated, registry order
    contract_addresses   varchar(2000) not null,   -- comma-separated, same order
    safe_tx_to           varchar(42)   not null,
    safe_tx_data         varchar(20000) not null,
    safe_tx_operation    integer       not null,
    safe_tx_hash         varchar(66)   not null,   -- checked against the Safe's own getTransactionHash when built
    built_at             timestamp with time zone not null,
    build_reason         varchar(2000) not null,   -- why it was (re)built: first build, or what drifted
    refreshed_at         timestamp with time zone, -- the last refresh that looked at this Safe
    refresh_problem      varchar(2000),            -- why that refresh could not check or rebuild it; null when it could
    primary key (chain_id, safe_address)
);
