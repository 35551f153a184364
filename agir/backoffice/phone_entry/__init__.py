"""Phone and counter entry: an officer enters a request for a tenant who calls or comes in,
with the tenant's catalogue and who-pays answer (the portal wizard's functions)."""
