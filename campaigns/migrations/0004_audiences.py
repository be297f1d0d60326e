from django.db import migrations

AGE_BANDS = [
    ("children", "Trẻ em dưới 16 tuổi", 0, 15),
    ("youth", "Thanh niên 16–30 tuổi", 16, 30),
    ("adults", "Người lớn 31–59 tuổi", 31, 59),
    ("elders", "Người cao tuổi từ 60", 60, None),
]
RISK_GROUPS = [
    ("women", "Phụ nữ"),
    ("children", "Trẻ em"),
    ("ethnic_minorities", "Đồng bào dân tộc thiểu số"),
    ("border_residents", "Cư dân vùng biên giới"),
    ("migrant_workers", "Người lao động di cư"),
    ("students", "Học sinh, sinh viên"),
]


def add_audiences(apps, schema_editor):
    AgeBand = apps.get_model("campaigns", "AgeBand")
    RiskGroup = apps.get_model("campaigns", "RiskGroup")
    for code, name, low, high in AGE_BANDS:
        AgeBand.objects.get_or_create(
            code=code, defaults={"name": name, "min_age": low, "max_age": high}
        )
    for order, (code, name) in enumerate(RISK_GROUPS, start=1):
        RiskGroup.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0003_messages")]

    operations = [migrations.RunPython(add_audiences, migrations.RunPython.noop)]
