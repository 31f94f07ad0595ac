"""Search (issue 6): folded words of directives and meetings, on every database."""

from django.db import migrations, models


def fill_documents(apps, schema_editor):
    from directives.search import directive_document, meeting_document

    db = schema_editor.connection.alias
    for name, document in (("Directive", directive_document), ("Meeting", meeting_document)):
        model = apps.get_model("directives", name)
        rows = list(model.objects.using(db).all())
        for row in rows:
            row.search_document = document(row)
        model.objects.using(db).bulk_update(rows, ["search_document"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('directives', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='directive',
            name='search_document',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='nội dung tìm kiếm (không dấu)'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='search_document',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='nội dung tìm kiếm (không dấu)'),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
