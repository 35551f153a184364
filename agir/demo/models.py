from django.db import models


class TrialCode(models.Model):
    """The demo's sign-up code in clear, so that every start prints the same one until it is
    used. Only `agir demo` writes it, in a database it filled: a real code exists in clear only
    on its letter (ActivationCode keeps a hash)."""

    tenant = models.OneToOneField("estate.Tenant", on_delete=models.CASCADE)
    code = models.CharField(max_length=12)

    def __str__(self) -> str:
        return f"demo code of tenant {self.tenant_id}"
