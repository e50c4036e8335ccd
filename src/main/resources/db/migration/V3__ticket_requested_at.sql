-- Jira has no idempotency key: when a ticket's creation was started and its outcome is not known
-- (a timeout, a crash before the key was stored), the ticket may exist; this says since when.
alter table account_opening add column ticket_requested_at timestamp with time zone;
