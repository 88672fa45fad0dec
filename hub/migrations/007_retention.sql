-- 007: how long each school's log entries are kept, and where each device's purged history ends.
--
-- schools.retention_days: the school's retention period in days (30 to 3650), set with
--   `npm run hub -- school retention <school> <days>`; null means the hub's default
--   (HUB_RETENTION_DAYS, 365 unless set).
-- devices.purged_seq / purged_hash: the purge horizon. The hub's retention purge deletes a prefix
--   of each device's chain: every entry up to purged_seq (those older than the school's period,
--   stopping before the first entry that is not), and keeps the seq and hash of the last entry it
--   deleted, as the device's own purge keeps a checkpoint. The first entry kept then links to
--   purged_hash, so the chain still verifies; an entry re-sent later for seq <= purged_seq is not
--   stored again (counted as purged in the answer, recorded in audit as 'purged-resend').
--   purged_count and purged_at: how many entries retention has deleted in all, and when last.
--   last_seq/last_hash (the head) are kept even when every entry was purged.
-- A purge deletes, for the purged seqs, the entries, their conflicting re-sends and the DSL's report
-- states and report history (they describe the purged reports). Each purge that deletes anything is
-- recorded in audit (kind 'retention') and in access_trail (action 'retention-purge', by
-- 'retention'), with the cut-off and the count per device. Neither audit nor access_trail is purged.
alter table schools add column retention_days integer check (retention_days between 30 and 3650);
alter table devices add column purged_seq bigint check (purged_seq >= 1);
alter table devices add column purged_hash text check (purged_hash ~ '^[0-9a-f]{64}$');
alter table devices add column purged_count bigint not null default 0;
alter table devices add column purged_at timestamptz;
alter table devices add constraint devices_purge_horizon check ((purged_seq is null) = (purged_hash is null));
