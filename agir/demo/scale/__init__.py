"""Scale data: a large estate and years of history, written in bulk (`agir seed`)."""
