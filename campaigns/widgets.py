from django import forms

from . import text as text_rules


class CountedTextarea(forms.Textarea):
    """A textarea that shows, as the editor types, characters and reading time."""

    template_name = "campaigns/widgets/counted_textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["short_text_limit"] = text_rules.SHORT_TEXT_LIMIT
        context["widget"]["words_per_minute"] = text_rules.WORDS_PER_MINUTE
        context["widget"]["script_limit"] = text_rules.SCRIPT_LIMIT_SECONDS
        return context

    class Media:
        js = ["campaigns/counted_textarea.js"]
