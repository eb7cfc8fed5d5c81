"""Visa support letters in the staff admin: each programme's letter template (with a preview of the
letter as a sample participant would get it) and the log of the letters issued. Letters are issued
from the Registrations list (the action "Issue visa support letters")."""

from admin_auto_filters.filters import AutocompleteFilterFactory
from django import forms
from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .answer_views import may_read_private_answers
from .letter_placeholders import PLACEHOLDERS
from .models import VisaLetter, VisaLetterTemplate
from .visa_letters import preview_content, render_visa_letter_pdf


class VisaLetterTemplateForm(forms.ModelForm):
    class Meta:
        model = VisaLetterTemplate
        fields = ["programme", "host", "address", "signatory_name", "signatory_title", "subject", "body"]
        widgets = {
            "host": forms.TextInput(attrs={"size": 80}),
            "subject": forms.TextInput(attrs={"size": 90}),
            "address": forms.Textarea(attrs={"rows": 3, "cols": 60}),
            "body": forms.Textarea(attrs={"rows": 14, "cols": 90}),
        }


@admin.register(VisaLetterTemplate)
class VisaLetterTemplateAdmin(admin.ModelAdmin):
    form = VisaLetterTemplateForm
    list_display = ["programme", "host", "signatory_name"]
    search_fields = ["programme__name", "programme__short_name", "host"]
    list_select_related = ["programme"]
    readonly_fields = ["placeholders", "preview"]
    fieldsets = [
        (None, {"fields": ["programme", "host", "address", "signatory_name", "signatory_title"]}),
        ("Wording", {"fields": ["subject", "body", "placeholders"]}),
        ("Preview", {"fields": ["preview"]}),
    ]

    @admin.display(description="placeholders you can use")
    def placeholders(self, template):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li><code>{{{}}}</code>: {}</li>", PLACEHOLDERS.items())
        )

    @admin.display(description="the letter as a sample participant gets it")
    def preview(self, template):
        if template.pk is None:
            return "Save the template to see the letter."
        # As saved: a form being corrected has put its (refused) wording on this instance already.
        content = preview_content(VisaLetterTemplate.objects.select_related("programme").get(pk=template.pk))
        pdf_link = reverse("admin:events_visalettertemplate_preview", args=[template.pk])
        return format_html(
            '<p><strong>{}</strong></p>{}<p><a class="button" href="{}">Preview the PDF</a></p>',
            content.subject,
            format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in content.paragraphs)),
            pdf_link,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview.pdf",
                self.admin_site.admin_view(self.preview_pdf_view),
                name="events_visalettertemplate_preview",
            ),
            *super().get_urls(),
        ]

    def preview_pdf_view(self, request, pk):
        template = VisaLetterTemplate.objects.select_related("programme").filter(pk=pk).first()
        if template is None or not self.has_view_permission(request, template):
            raise Http404
        response = HttpResponse(render_visa_letter_pdf(preview_content(template)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="visa-letter-preview-{template.programme.short_name}.pdf"'
        return response


@admin.register(VisaLetter)
class VisaLetterAdmin(admin.ModelAdmin):
    """The log of the letters issued: who issued which, when; the PDF as issued for staff allowed to
    read private answers."""

    list_display = ["reference", "participant", "event", "issued_by", "created_at", "passport_number_included", "pdf"]
    list_select_related = ["registration__participant", "registration__event", "issued_by"]
    list_filter = [AutocompleteFilterFactory("event", "registration__event"), "passport_number_included"]
    search_fields = ["reference", "registration__participant__last_name", "registration__participant__email"]
    fields = ["reference", "registration", "issued_by", "created_at", "passport_number_included", "pdf"]
    readonly_fields = fields

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if may_read_private_answers(request.user) else [name for name in shown if name != "pdf"]

    def get_fields(self, request, obj=None):
        shown = super().get_fields(request, obj)
        return shown if may_read_private_answers(request.user) else [name for name in shown if name != "pdf"]

    @admin.display(description="participant", ordering="registration__participant__last_name")
    def participant(self, letter):
        return letter.registration.participant

    @admin.display(description="event", ordering="registration__event__starts_at")
    def event(self, letter):
        return letter.registration.event.title

    @admin.display(description="PDF")
    def pdf(self, letter):
        return format_html('<a href="{}">Download</a>', reverse("events:visa_letter", args=[letter.pk]))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A log: letters go only with the private data they state (events.services.answers).
        return False
