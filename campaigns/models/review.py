"""The victim-safety check: a review step that passes only with every box ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

CHECKLIST = {
    "no_identifying_details": _(
        "No detail identifies a victim (name, face, address, village, family)."
    ),
    "consent_checked": _("Consent is recorded for every person shown or quoted."),
    "non_stigmatising": _(
        "The wording does not blame or stigmatise victims or their communities."
    ),
}


class VictimSafetyTask(AbstractGroupApprovalTask):
    """A moderator confirms the message cannot harm a victim before it goes further."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Confirm the checklist and approve"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            from ..review_forms import VictimSafetyForm

            return VictimSafetyForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        ticked = [kwargs.pop(name, False) for name in CHECKLIST]
        if action_name == "approve" and not all(ticked):
            # Only reachable outside the admin form, which already requires the ticks.
            raise forms.ValidationError(_("Tick every item of the checklist."))
        if action_name == "approve":
            from media.consent import blocking_message, images_blocking_publication

            blocked = images_blocking_publication(task_state.revision.as_object())
            if blocked:
                # Approving would publish an image without consent: send it back
                # with the reason instead.
                reasons = " ".join(str(blocking_message(image)) for image in blocked)
                return super().on_action(task_state, user, "reject", comment=reasons)
            from ..safety.services import checklist_confirm

            # The workflow publishes the page's latest revision when it finishes:
            # that is the version the moderator sees in the editor and confirms.
            checklist_confirm(
                revision=task_state.workflow_state.content_object.get_latest_revision(),
                user=user,
            )
            checked = "; ".join(str(label) for label in CHECKLIST.values())
            comment = kwargs.pop("comment", "") or ""
            kwargs["comment"] = f"{comment}\n✔ {checked}".strip()
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Moderators confirm that the content identifies no victim, that consent is "
            "checked and that the wording does not stigmatise."
        )

    class Meta:
        verbose_name = _("victim-safety check")
        verbose_name_plural = _("victim-safety checks")
