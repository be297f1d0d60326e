"""Every spreadsheet leaving the system goes through one guard (OWASP "CSV
injection"): a text cell that starts with a character a spreadsheet reads as a
formula gets a leading apostrophe, in CSV and XLSX alike. Numbers and dates stay
what they are.

The reports call ``formula_guard`` themselves; Wagtail's list and report exports
(the sessions list, locked pages, site history...) get it through
``guard_wagtail_exports``, installed once when the app is ready.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_guard(value):
    """A cell value safe to open in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def guard_wagtail_exports() -> None:
    """Route every value and heading of Wagtail's spreadsheet exports (the one
    mixin behind them all) through ``formula_guard``."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "formula_guarded", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return formula_guard(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return formula_guard(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.formula_guarded = True
