"""System checks: a bad configuration is reported at start-up, with an id, not at first use."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_configuration(app_configs, **kwargs) -> list:
    problems = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if settings.PRODUCTION and engine.endswith("sqlite3"):
        problems.append(
            Warning(
                "SQLite in production: one writer at a time.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="agir.W001",
            )
        )
    for key in ("name", "phone", "on_call_phone"):
        if not settings.LANDLORD.get(key):
            problems.append(
                Error(
                    f"LANDLORD[{key!r}] is empty: tenants are shown it.",
                    hint=f"Set LANDLORD_{key.upper()} in the environment.",
                    id="agir.E001",
                )
            )
    if "default" not in settings.MAILERS:
        problems.append(Error("MAILERS has no 'default' mailer.", id="agir.E002"))
    elif settings.PRODUCTION and _smtp_without_tls(settings.MAILERS["default"]):
        problems.append(
            Warning(
                "SMTP without TLS in production: password reset and activation links would "
                "cross the network in clear.",
                hint="Set SMTP_USE_TLS=1 (STARTTLS, port 587) or SMTP_USE_SSL=1 (port 465).",
                id="agir.W002",
            )
        )
    return problems


def _smtp_without_tls(mailer: dict) -> bool:
    if not mailer.get("BACKEND", "").endswith("smtp.EmailBackend"):
        return False
    options = mailer.get("OPTIONS", {})
    return not (options.get("use_tls") or options.get("use_ssl"))
