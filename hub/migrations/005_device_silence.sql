-- 005: marking devices that fell silent.
--
-- silent_since: set by the hub's sweep (every few minutes) when a device has not been heard from
-- for longer than HUB_SILENT_HOURS, with an audit row of kind 'device-silent'; cleared by the
-- device's next accepted request (a heartbeat counts), with an audit row 'device-back'. So the
-- DSL sees when each device went quiet and came back, not only whether it is silent now.
-- (Two more audit kinds, then: 'device-silent' and 'device-back'.)
alter table devices add column silent_since timestamptz;
create index devices_silent on devices (last_seen) where silent_since is null;
