from django.db.models.signals import post_save
from django.dispatch import receiver

from provinces.models import Unit

from .models import Article


@receiver(post_save, sender=Unit, dispatch_uid="articles-follow-unit-merger")
def follow_unit_merger(sender, instance, raw, **kwargs):
    """Articles remember which unit holds them today; when a unit is merged into
    another (or un-merged), its articles move with it."""
    holder = instance.merged_into_id or instance.pk
    Article.objects.filter(unit=instance).exclude(current_unit_id=holder).update(
        current_unit_id=holder
    )
