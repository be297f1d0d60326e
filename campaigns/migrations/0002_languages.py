from django.db import migrations

# BCP 47 / ISO 639-3 tags of the languages spoken in Thanh Hóa's communities.
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("blt", "Tiếng Thái"),
    ("mtq", "Tiếng Mường"),
    ("hmn", "Tiếng H'Mông"),
    ("ium", "Tiếng Dao"),
    ("kjg", "Tiếng Khơ Mú"),
]


def add_languages(apps, schema_editor):
    Language = apps.get_model("campaigns", "Language")
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
