"""«Mes demandes / a request»: one request's page, the tenant's actions on it, their survey,
the messages sent to them and how they want to be told. URLs in `agir.portal.tracking.urls`."""
