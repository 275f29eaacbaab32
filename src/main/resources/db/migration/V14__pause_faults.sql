-- What a pause needs to keep its promises under faults: the chain decides, nothing is sent twice,
-- no silent wait.

-- why the pause stands where it stands, in words (e.g. "RETRYING: RPC unreachable (attempt 3)")
alter table pause_batch add column status_detail varchar(2000);
-- failed attempts of the pause's current step, since its last success
alter table pause_batch add column failed_attempts integer default 0 not null;
-- the Safe nonce held by this batch's live proposal: two pauses through one Safe never share one
alter table pause_batch add column safe_nonce_claim bigint;
create unique index pause_batch_safe_nonce_claim on pause_batch (chain_id, safe_address, safe_nonce_claim);
-- the block before the proposal: the Safe's ExecutionSuccess for it is looked for from there
alter table pause_batch add column safe_from_block bigint;
-- SafeTx hashes proposed before the Safe's nonce moved past them (space-separated)
alter table pause_batch add column superseded_safe_tx_hashes varchar(2000);
-- execTransaction as signed before it left: a retry sends these same bytes again
alter table pause_batch add column signed_tx varchar(60000);
alter table pause_batch add column signed_tx_nonce bigint;
-- since when the pause has waited for a transaction to be mined (relayer or execTransaction)
alter table pause_batch add column waiting_since timestamp with time zone;
-- a relayer answered 4xx: nothing was queued, the next pauser takes over
alter table pause_batch add column relayer_rejected varchar(1000);
-- the batch this one was split from (contracts the Safe cannot pause, or already paused)
alter table pause_batch add column split_from bigint;
