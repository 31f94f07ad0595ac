"""Write the audit log: sign-ins, workflow steps, moderation and admin changes.

Fed by signals (core/apps.py connects them), so no view has to remember to call it.
Writing the log never breaks the action being logged.
"""

import logging

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from .models import AuditEvent
from .security import client_ip

log = logging.getLogger(__name__)


def record(action, *, request=None, actor=None, username="", obj=None, unit_id=None, details=None):
    try:
        if actor is not None and not getattr(actor, "is_authenticated", False):
            actor = None
        AuditEvent.objects.create(
            action=action,
            actor=actor,
            username=(username or (actor.get_username() if actor else ""))[:150],
            ip_address=client_ip(request) if request is not None else None,
            user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[
                :300
            ],
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            unit_id=unit_id if unit_id is not None else getattr(obj, "unit_id", None),
            details=details or {},
        )
    except Exception:
        log.exception("could not write the audit log (%s)", action)


def _logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, request=request, actor=user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, request=request, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Credentials arrive with the password already masked by Django; keep the name only.
    record(
        AuditEvent.Action.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
    )


_ADMIN_ACTIONS = {
    ADDITION: AuditEvent.Action.ADMIN_ADD,
    CHANGE: AuditEvent.Action.ADMIN_CHANGE,
    DELETION: AuditEvent.Action.ADMIN_DELETE,
}


def _admin_logged(sender, instance, created, raw, **kwargs):
    """Every add, change and delete made in the admin (Django's own LogEntry)."""
    if not created or raw:
        return
    record(
        _ADMIN_ACTIONS.get(instance.action_flag, AuditEvent.Action.ADMIN_CHANGE),
        actor=instance.user,
        details={
            "object_type": instance.content_type.model if instance.content_type_id else "",
            "object_id": instance.object_id or "",
            "object": instance.object_repr,
            "change": instance.get_change_message(),
        },
    )


def connect():
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
    post_save.connect(_admin_logged, sender=LogEntry, dispatch_uid="audit-admin")
    # Apps record their own steps (articles: workflow steps, moderation) with record().
