"""Building notices («avis aux locataires»): what staff tell the tenants of a place."""
