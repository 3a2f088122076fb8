from django.apps import AppConfig


class VerificationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "verification"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from .roles import forget_roles

        # A user object that had its groups changed must not answer role checks from its cache.
        m2m_changed.connect(forget_roles, sender=get_user_model().groups.through, dispatch_uid="roles-cache")
