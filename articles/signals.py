from django.db.models.signals import post_save
from django.dispatch import receiver

from core import audit
from provinces.models import Unit

from .models import Article, ArticleEvent, Comment


@receiver(post_save, sender=Unit, dispatch_uid="articles-follow-unit-merger")
def follow_unit_merger(sender, instance, raw, **kwargs):
    """Articles remember which unit holds them today; when a unit is merged into
    another (or un-merged), its articles move with it."""
    holder = instance.successor_id
    Article.objects.filter(unit=instance).exclude(current_unit_id=holder).update(
        current_unit_id=holder
    )


@receiver(post_save, sender=ArticleEvent, dispatch_uid="audit-workflow")
def audit_workflow_step(sender, instance, created, raw, **kwargs):
    """Every workflow step (articles.ArticleEvent): submitted, published, withdrawn..."""
    if not created or raw:
        return
    article = instance.article
    audit.record(
        audit.AuditEvent.Action.WORKFLOW,
        actor=instance.actor,
        obj=article,
        details={
            "step": instance.action,
            "from": instance.from_status,
            "to": instance.to_status,
            "publish_at": instance.publish_at.isoformat() if instance.publish_at else None,
            "note": instance.note,
        },
    )


@receiver(post_save, sender=Comment, dispatch_uid="audit-moderation")
def audit_moderation(sender, instance, created, raw, **kwargs):
    """A comment approved or rejected by an editor."""
    if raw or instance.moderated_by_id is None or instance.status == "pending":
        return
    audit.record(
        audit.AuditEvent.Action.MODERATION,
        actor=instance.moderated_by,
        obj=instance,
        unit_id=instance.article.unit_id,
        details={"status": instance.status, "article": instance.article_id},
    )
