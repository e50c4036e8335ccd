-- The sweep reads only recently parked reports.
create index parked_status_report_received_idx on parked_status_report (received_at);
