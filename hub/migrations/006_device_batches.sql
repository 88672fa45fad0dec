-- 006: a counter of accepted requests per device.
--
-- batches: how many requests from this device the hub has accepted (heartbeats included). The hub
-- reads a device's state, works out how the batch joins its chain, and then writes the batch in
-- one statement that applies only if batches still has the value it read; if another request for
-- the same device got in between, it reads again and starts over. So a batch is one atomic
-- statement (one round trip) and two batches for one device can never interleave.
alter table devices add column batches bigint not null default 0;
