"""The tenant's home page and «Mes demandes»."""
