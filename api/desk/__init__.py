"""The coordinator's desk (issue 15): a packet as a credentialing file moving through
stages, the checks that gate a decision, the queue with its SLA clock and the unassigned
pool."""
