-- The Safe owner addresses each member of the signers group signs with. proven: the signer signed a
-- one-time challenge with the key of that address (how = SIGNED_CHALLENGE); otherwise an operator
-- entered it (ENTERED_BY_OPERATOR) and nobody has shown yet that the signer holds that key. Addresses
-- are stored in lower case, as the chain reads them back.
create table signer_owner_address (
    user_id      varchar(100) not null,
    address      varchar(42)  not null,
    proven       boolean      not null,
    how          varchar(30)  not null,
    recorded_by  varchar(100) not null,
    recorded_at  timestamp with time zone not null,
    challenge_id varchar(36),
    primary key (user_id, address)
);

-- One-time challenges a signer signs (EIP-191 personal_sign) to prove an address: the exact message,
-- when it expires and when it was used. A used or expired challenge proves nothing.
create table signer_challenge (
    id          varchar(36)  primary key,
    user_id     varchar(100) not null,
    address     varchar(42)  not null,
    message     varchar(1000) not null,
    issued_at   timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
