from django.db import migrations, models


def name_as_letters_wrote_it(apps, schema_editor):
    # What the letters said until now ("by the UNIDIR <name>"), so existing programmes read the same.
    Programme = apps.get_model("programmes", "Programme")
    for programme in Programme.objects.all():
        programme.name_in_text = f"the UNIDIR {programme.name}"
        programme.save(update_fields=["name_in_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_keep_files_of_approved_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="name_in_text",
            field=models.CharField(
                default="",
                help_text='How letters name the programme after "by": "the UNIDIR Security and Technology Programme".',
                max_length=255,
                verbose_name="name in running text",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(name_as_letters_wrote_it, migrations.RunPython.noop),
    ]
