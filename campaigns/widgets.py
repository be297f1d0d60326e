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


class RegionTree(forms.CheckboxSelectMultiple):
    """Regions as a tree of checkboxes with a filter box.

    The province has some 600 districts and communes: a plain multi-select of them
    is a list nobody can work in. Here communes sit folded under their district,
    typing "muong lat" (accents or not) narrows the tree, and districts holding a
    chosen commune open by themselves.
    """

    template_name = "campaigns/widgets/region_tree.html"

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: its option groups would read every
        # region a second time, only to be thrown away.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        by_path, roots = {}, []
        for choice, label in self.choices:
            region = getattr(choice, "instance", None)
            if region is None:
                continue
            node = {
                "pk": region.pk,
                "label": label,
                "folded": text_rules.fold(label),
                "checked": str(region.pk) in chosen,
                "children": [],
            }
            by_path[region.path] = node
            parent = by_path.get(region.path[: -region.steplen])
            (parent["children"] if parent else roots).append(node)
        for node in reversed(list(by_path.values())):
            node["open"] = any(c["checked"] or c["open"] for c in node["children"])
        context["widget"]["tree"] = roots
        context["widget"]["chosen_count"] = len(chosen)
        return context

    class Media:
        js = ["campaigns/region_tree.js"]
        css = {"all": ["campaigns/region_tree.css"]}
