"""Languages the campaign speaks and its recordings are in; editors can add more."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

VIETNAMESE = "vi"


class Language(models.Model):
    """A language by its BCP 47 tag (``vi``, ``blt`` Thái, ``hmn`` H'Mông...)."""

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                _("Use a language tag such as vi, blt or hmn."),
            )
        ],
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("code"), FieldPanel("name")]

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]
