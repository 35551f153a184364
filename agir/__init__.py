"""AGIR: tenants' technical requests for social housing landlords."""
