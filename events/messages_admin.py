"""The staff page that emails an event's participants by registration status (EventAdmin's "Email
participants"): write, preview (how many people, who, and the email as the first of them reads it),
then send. Sent messages are listed under Event messages with their recipients."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from .admin_pages import event_page_context
from .emails import build_event_message_email
from .models import EventMessage, EventMessageRecipient, Registration
from .services import messages as message_services

PREVIEW_NAMES = 10


class EventMessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        choices=Registration.Status.choices,
        initial=[Registration.Status.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
        label="Write to the participants whose registration is",
    )
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text="Written as it is to everyone; the greeting, the event's link and the sign-off are added in "
        "each participant's language.",
    )


def message_page(model_admin, request, object_id):
    context = event_page_context(model_admin, request, object_id, "events.add_eventmessage", "Email participants")
    event = context["event"]
    form = context["form"] = EventMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipients = list(message_services.recipients_of(event, data["statuses"]))
        if "send" in request.POST and recipients:
            sent = message_services.send_event_message(
                event, data["statuses"], data["subject"], data["body"], request.user
            )
            model_admin.message_user(
                request, f"The message is being sent to {len(recipients)} participant(s).", messages.SUCCESS
            )
            return redirect(reverse("admin:events_eventmessage_change", args=[sent.pk]))
        context.update(recipients=recipients[:PREVIEW_NAMES], recipient_count=len(recipients))
        if recipients:
            draft = EventMessage(event=event, statuses=data["statuses"], subject=data["subject"], body=data["body"])
            preview = build_event_message_email(
                EventMessageRecipient(message=draft, registration=recipients[0], email=recipients[0].participant.email)
            )
            context.update(preview_subject=preview.subject, preview_body=preview.body)
    return render(request, "admin/events/event/message.html", context)
