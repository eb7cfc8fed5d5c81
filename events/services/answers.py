"""Operations on the answers participants give to an event's questions: saving them (registration
and follow-up forms), asking confirmed participants again for the follow-up form, and erasing
private answers (files, passport details) when an account is deleted or once the retention period
after the event has passed. Each runs in one transaction.

Files are removed from the private storage only once the transaction that dropped their answer has
committed, so a rolled-back change never loses a file; a file written by a transaction that then
rolled back is swept by `erase_expired_private_answers` a day later."""

import datetime
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from unidir_cb.core.private_files import private_storage

from .. import notifications, rules
from ..answer_forms import AnswersForm, GivenAnswer
from ..email_kinds import EmailKind
from ..models import Answer, Event, Material, Participant, Question, Registration, VisaLetter
from . import registrations
from .registrations import BulkOutcome

Status = Registration.Status
ORPHAN_FILE_GRACE = datetime.timedelta(days=1)
# What the private storage holds (see the models' upload paths): swept for files no record holds.
PRIVATE_FOLDERS = ("answers", "visa-letters", "materials")


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(partial(private_storage().delete, name))


def _save_one(registration: Registration, given: GivenAnswer, earlier: Answer | None) -> Answer | None:
    question = given.question
    if given.remove:
        if earlier is not None:
            _delete_file_after_commit(earlier.file.name)
            earlier.delete()
        return None
    if given.upload is None and given.value is None:  # a file question left as it was
        return earlier
    answer = earlier or Answer(registration=registration, question=question)
    # The wording and privacy as answered: staff read answers in the programme's working language.
    answer.question_label = question.label_en or question.label
    answer.question_kind = question.kind
    answer.private = question.is_private
    if given.upload is not None:
        _delete_file_after_commit(answer.file.name)
        answer.file_name = given.upload.name[-255:]
        answer.file_size = given.upload.size
        answer.file.save(given.upload.name, given.upload, save=False)
    else:
        answer.value = given.value
    answer.save()
    return answer


@transaction.atomic
def save_answers(registration: Registration, form: AnswersForm) -> list[Answer]:
    """Store a valid form's answers for the registration: new ones added, changed ones replaced,
    emptied ones removed. Answers to questions not on the form are kept as they are."""
    earlier = {answer.question_id: answer for answer in registration.answers.filter(question__in=form.questions)}
    saved = [_save_one(registration, given, earlier.get(given.question.pk)) for given in form.given_answers()]
    if form.form_kind == Question.Form.FOLLOW_UP and not registration.follow_up_completed_at:
        registration.follow_up_completed_at = timezone.now()
        registration.save(update_fields=["follow_up_completed_at", "updated_at"])
    return [answer for answer in saved if answer is not None]


class AnswersClosed(Exception):
    """The form can no longer be changed (registration closed, event over, registration cancelled)."""


def answer_form(registration: Registration, form: AnswersForm) -> list[Answer]:
    """A participant's own answers to one of their registration's forms, while rules allow it."""
    if not rules.answers_editable(registration, form.form_kind):
        raise AnswersClosed
    return save_answers(registration, form)


@transaction.atomic
def remind_follow_up(registrations: Iterable[Registration]) -> BulkOutcome:
    """Email each confirmed participant who has not completed their event's follow-up form a link to
    it; the others are listed with the reason they were not reminded."""
    outcome = BulkOutcome()
    now = timezone.now()
    for registration in registrations:
        reason = rules.follow_up_reminder_refusal(registration, now)
        if reason:
            outcome.refused.append((registration, reason))
            continue
        registration.follow_up_reminded_at = now
        registration.save(update_fields=["follow_up_reminded_at", "updated_at"])
        notifications.notify_after_commit(registration, EmailKind.FOLLOW_UP_REMINDER)
        outcome.changed.append(registration)
    return outcome


def _erase(records) -> int:
    """Delete answers or visa letters, and their files once the deletion has committed."""
    for name in records.exclude(file="").values_list("file", flat=True):
        _delete_file_after_commit(name)
    count, _ = records.delete()
    return count


@transaction.atomic
def erase_answers_of(participant: Participant) -> int:
    """Every answer the person gave and every visa letter issued to them (their account is being
    deleted): none is needed for statistics."""
    _erase(VisaLetter.objects.filter(registration__participant=participant))
    return _erase(Answer.objects.filter(registration__participant=participant))


@transaction.atomic
def erase_expired_private_answers(now=None) -> int:
    """Private answers, files and visa letters (which state passport numbers) of events that ended
    more than PRIVATE_ANSWERS_RETENTION_DAYS ago, and files in the private storage that no answer,
    letter or material holds (left by a rolled-back upload or issue, or a deleted material)."""
    now = now or timezone.now()
    ended_before = now - datetime.timedelta(days=settings.PRIVATE_ANSWERS_RETENTION_DAYS)
    events = Event.objects.filter(ends_at__lt=ended_before)
    _erase(VisaLetter.objects.filter(registration__event__in=events))
    erased = _erase(Answer.objects.filter(private=True, registration__event__in=events))
    _delete_orphan_files(now)
    return erased


def _delete_orphan_files(now) -> None:
    storage = private_storage()
    held = set()
    for model in (Answer, VisaLetter, Material):
        held |= set(model.objects.exclude(file="").values_list("file", flat=True))
    for name in (file for folder in PRIVATE_FOLDERS for file in _files_under(storage, folder)):
        if name not in held and storage.get_modified_time(name) < now - ORPHAN_FILE_GRACE:
            storage.delete(name)


def _files_under(storage, folder: str):
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files_under(storage, f"{folder}/{sub}")


@transaction.atomic
def register_with_answers(event: Event, participant: Participant, form: AnswersForm, invitation_token: str = ""):
    """Register the participant (registrations.register_participant) and store their answers to the
    registration questions in the same transaction: a refused registration keeps no answer."""
    result = registrations.register_participant(event, participant, invitation_token=invitation_token)
    if result.outcome != registrations.Outcome.ALREADY_REGISTERED:
        save_answers(result.registration, form)
    return result
