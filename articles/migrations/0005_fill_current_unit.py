from django.db import migrations


def fill_current_unit(apps, schema_editor):
    """Each article's holder today: its unit, or the unit that unit merged into."""
    Article = apps.get_model("articles", "Article")
    Unit = apps.get_model("provinces", "Unit")
    for unit in Unit.objects.all():
        Article.objects.filter(unit_id=unit.pk).update(current_unit_id=unit.merged_into_id or unit.pk)


class Migration(migrations.Migration):
    """Separate from the column's creation: on PostgreSQL, updating rows and then
    altering the table in one transaction fails on the deferred foreign-key checks."""

    dependencies = [("articles", "0004_current_unit")]

    operations = [migrations.RunPython(fill_current_unit, migrations.RunPython.noop)]
