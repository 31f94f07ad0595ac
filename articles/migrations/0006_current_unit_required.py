import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_fill_current_unit")]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="current_unit",
            field=models.ForeignKey(
                editable=False,
                help_text="The unit whose board holds the article today (its unit, or the unit that unit merged into): one indexed column for a unit's page at any size.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="provinces.unit",
                verbose_name="đơn vị hiện nay",
            ),
        ),
    ]
