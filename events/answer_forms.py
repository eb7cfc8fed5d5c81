"""The questions an event asks, as a form in the participant's language (events.models.Question).

One field per question, named `question-<id>`. The form validates what a participant sends (required
answers, known choices, real dates and countries, files of the allowed kinds and size) and gives back
each answer in the form it is stored in (services.answers.save_answers writes them)."""

from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from PIL import Image, UnidentifiedImageError

from unidir_cb.core.forms import with_blank

from .models import Answer, Question

Kind = Question.Kind
FileType = Question.FileType

# What each accepted kind of file starts with. The name's extension says nothing (anyone can rename a
# file); images are then opened with Pillow, which refuses a file that only starts like one.
FILE_SIGNATURES = {
    FileType.PDF: (b"%PDF-",),
    FileType.JPEG: (b"\xff\xd8\xff",),
    FileType.PNG: (b"\x89PNG\r\n\x1a\n",),
}
IMAGE_TYPES = (FileType.JPEG, FileType.PNG)
YES, NO = "yes", "no"


def field_name(question: Question) -> str:
    return f"question-{question.pk}"


def detected_file_type(upload: UploadedFile) -> str | None:
    """The accepted kind of file the upload really is, by its content, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for file_type, signatures in FILE_SIGNATURES.items():
        if head.startswith(signatures):
            if file_type in IMAGE_TYPES:
                try:
                    with Image.open(upload) as image:
                        image.verify()
                except (UnidentifiedImageError, OSError, SyntaxError):
                    return None
                finally:
                    upload.seek(0)
            return file_type
    return None


def check_uploaded_file(upload: UploadedFile, question: Question) -> None:
    """Refuse a file that is too large or not of a kind the question accepts, saying why. (No virus
    scanner runs here: see the README, "Private answers".)"""
    limit = question.max_file_size_mb * 1024 * 1024
    if upload.size > limit:
        raise forms.ValidationError(
            _("This file is %(size).1f MB; the largest accepted is %(limit)s MB.")
            % {"size": upload.size / (1024 * 1024), "limit": question.max_file_size_mb}
        )
    accepted = ", ".join(FileType(kind).label for kind in question.allowed_file_types)
    if upload.size == 0:
        raise forms.ValidationError(_("This file is empty."))
    if detected_file_type(upload) not in question.allowed_file_types:
        raise forms.ValidationError(
            _("This file is not a %(accepted)s file: please upload one of these kinds.") % {"accepted": accepted}
        )


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that names the file uploaded before and links to it through the view that checks
    who asks (the storage has no public address)."""

    template_name = "events/widgets/private_file_input.html"

    def __init__(self, *args, earlier: Answer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = earlier

    def is_initial(self, value):
        # Django's asks the file for its URL, which a private file has not.
        return bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["earlier"] = self.earlier if self.earlier is not None and self.earlier.file else None
        return context


class CheckedFileField(forms.FileField):
    def __init__(self, *, question: Question, **kwargs):
        self.question = question
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if isinstance(value, UploadedFile):
            check_uploaded_file(value, self.question)


def _accept_attribute(question: Question) -> str:
    extensions = {
        FileType.PDF: ".pdf,application/pdf",
        FileType.JPEG: ".jpg,.jpeg,image/jpeg",
        FileType.PNG: ".png,image/png",
    }
    return ",".join(extensions[FileType(kind)] for kind in question.allowed_file_types)


def _form_field(question: Question, earlier: Answer | None) -> forms.Field:
    common = {"label": question.label, "help_text": question.help_text, "required": question.required}
    kind = question.kind
    if kind == Kind.SHORT_TEXT:
        return forms.CharField(max_length=500, **common)
    if kind == Kind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind in Question.CHOICE_KINDS:
        choices = list(enumerate(question.option_list()))
        if kind == Kind.SINGLE_CHOICE:
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
        return forms.TypedMultipleChoiceField(
            choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Kind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, gettext_lazy("Yes")), (NO, gettext_lazy("No"))], widget=forms.RadioSelect, **common
        )
    if kind == Kind.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if kind == Kind.COUNTRY:
        return forms.ChoiceField(choices=with_blank(list(countries), "—"), **common)
    if kind == Kind.FILE:
        # Required or not, a file uploaded before stays until replaced (FileField falls back on the
        # initial file); an optional one may be removed.
        return CheckedFileField(
            question=question,
            widget=PrivateFileInput(attrs={"accept": _accept_attribute(question)}, earlier=earlier),
            **common,
        )
    if kind == Kind.CONSENT:
        return forms.BooleanField(**common)
    raise ValueError(f"Unknown question kind {kind!r}")


def _initial(question: Question, answer: Answer):
    value = answer.value
    if question.kind in Question.CHOICE_KINDS:
        stored = question.stored_options()
        chosen = value if isinstance(value, list) else [value]
        indexes = [stored.index(option) for option in chosen if option in stored]
        return indexes if question.kind == Kind.MULTIPLE_CHOICE else (indexes[0] if indexes else None)
    if question.kind == Kind.YES_NO:
        return YES if value else NO
    if question.kind == Kind.FILE:
        return answer.file or None
    return value


@dataclass(frozen=True)
class GivenAnswer:
    """An answer as it is stored: `value` (JSON) or `upload` (a new file); `remove` when the
    participant emptied an optional answer."""

    question: Question
    value: object = None
    upload: UploadedFile | None = None
    remove: bool = False


class AnswersForm(forms.Form):
    """The questions of one event's registration or follow-up form, with the answers given before."""

    def __init__(self, questions, *args, form_kind: str, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.form_kind = form_kind
        self.questions = [question for question in questions if question.form == form_kind]
        self.earlier = {answer.question_id: answer for answer in answers}
        for question in self.questions:
            earlier = self.earlier.get(question.pk)
            field = _form_field(question, earlier)
            if earlier is not None:
                field.initial = _initial(question, earlier)
            field.question = question
            self.fields[field_name(question)] = field

    def given_answers(self) -> list[GivenAnswer]:
        """After is_valid(): every question's answer in its stored form."""
        return [self._given(question, self.cleaned_data.get(field_name(question))) for question in self.questions]

    def _given(self, question: Question, cleaned) -> GivenAnswer:
        kind = question.kind
        if kind == Kind.FILE:
            if cleaned is False:  # "Clear" ticked
                return GivenAnswer(question, remove=True)
            return GivenAnswer(question, upload=cleaned if isinstance(cleaned, UploadedFile) else None)
        if kind in Question.CHOICE_KINDS:
            stored = question.stored_options()
            if kind == Kind.SINGLE_CHOICE:
                cleaned = None if cleaned in (None, "") else stored[cleaned]
            else:
                cleaned = [stored[index] for index in cleaned or []]
        elif kind == Kind.YES_NO:
            cleaned = None if not cleaned else cleaned == YES
        elif kind == Kind.DATE:
            cleaned = cleaned.isoformat() if cleaned else None
        elif kind == Kind.CONSENT:
            cleaned = True if cleaned else None
        elif isinstance(cleaned, str):
            cleaned = cleaned.strip()
        if cleaned in (None, "", []):
            return GivenAnswer(question, remove=True)
        return GivenAnswer(question, value=cleaned)
