from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "agir.accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        from agir.accounts.emails import register_renderers

        register_renderers()

        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_migrate, post_save

        post_migrate.connect(_sync_groups_once, dispatch_uid="agir_role_groups")
        post_save.connect(_sync_role, sender=get_user_model(), dispatch_uid="agir_user_role_group")


def _sync_groups_once(sender, **kwargs) -> None:
    """After the last app has migrated: every permission exists by then."""
    from django.apps import apps

    from agir.accounts import roles

    if sender is list(apps.get_app_configs())[-1]:
        roles.sync_groups()


def _sync_role(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    from agir.accounts import roles

    if created and not roles.spec(instance.role).group:
        return  # a new tenant: no group to join, nothing to leave
    if created or update_fields is None or "role" in update_fields:
        roles.sync_user_groups(instance)
