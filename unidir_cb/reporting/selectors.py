"""Read queries: which report jobs a person sees, and the figures of the activity summary."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import Event, Registration, took_part
from programmes.models import InformationResource, Programme
from publications.models import Publication

from . import registry
from .models import ReportFile, ReportJob

SEE_EVERYONES_JOBS_PERMISSION = "reporting.view_reportjob"


def report_jobs_visible_to(user) -> QuerySet[ReportJob]:
    """People see the reports they ran. Management (who hold reporting.view_reportjob) also see
    everyone's runs, scheduled ones included, of the kinds they may run themselves: a donor report
    shows amounts, so it stays hidden from whoever may not see them. Every page and download that
    shows a job goes through here, so the rule lives in one place."""
    jobs = ReportJob.objects.all()
    if user.is_superuser:
        return jobs
    if user.has_perm(SEE_EVERYONES_JOBS_PERMISSION):
        runnable = [kind.name for kind in registry.all_kinds() if kind.can_run(user)]
        return jobs.filter(Q(requested_by=user) | Q(kind__in=runnable))
    return jobs.filter(requested_by=user)


def may_see_job(user, job: ReportJob) -> bool:
    """report_jobs_visible_to for one job already in hand, without a query."""
    if user.is_superuser or job.requested_by_id == user.pk:
        return True
    if not user.has_perm(SEE_EVERYONES_JOBS_PERMISSION):
        return False
    kind = registry.find_kind(job.kind)
    return kind is not None and kind.can_run(user)


def report_jobs_for_list(user) -> QuerySet[ReportJob]:
    """Past runs with their requester and files: two queries whatever the number of rows."""
    return (
        report_jobs_visible_to(user)
        .select_related("requested_by")
        .prefetch_related(Prefetch("files", queryset=ReportFile.objects.order_by("format")))
    )


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, day after end 00:00) in the project's time zone, so both days are included."""
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


def publications_in_period(programme: Programme, start, end) -> QuerySet[Publication]:
    """Published outputs of the period. Chapters count with their edited volume, not on their own:
    the mapping reply, the reports and the dashboard all count publications this way."""
    return Publication.objects.filter(programme=programme, is_published=True, published_on__range=(start, end)).exclude(
        kind=Publication.Kind.CHAPTER
    )


def events_in_period(programme: Programme, start, end) -> QuerySet[Event]:
    """Events held (not drafts, not cancelled) that start within the period."""
    period_start, period_end = period_bounds(start, end)
    return Event.objects.filter(
        programme=programme, status=Event.Status.PUBLISHED, starts_at__gte=period_start, starts_at__lt=period_end
    )


def resources_available_in_period(programme: Programme, start, end) -> QuerySet[InformationResource]:
    """Resources launched by the end of the period (or with no launch date recorded)."""
    return InformationResource.objects.filter(programme=programme).filter(
        Q(launched_on__isnull=True) | Q(launched_on__lte=end)
    )


def programme_has_activity(programme: Programme, start, end) -> bool:
    """Whether anything happened in the period. Information resources do not count: they stay
    available for years, so they alone would make any period, even a future one, look busy."""
    return publications_in_period(programme, start, end).exists() or events_in_period(programme, start, end).exists()


@dataclass(frozen=True)
class ActivitySummary:
    programme: Programme
    start: datetime.date
    end: datetime.date
    publications: list[Publication]
    events: list[Event]  # each annotated with participant_count and country_count
    resources: list[InformationResource]
    participant_count: int
    country_count: int

    @property
    def publication_count(self) -> int:
        return len(self.publications)

    @property
    def event_count(self) -> int:
        return len(self.events)

    @property
    def resource_count(self) -> int:
        return len(self.resources)

    @property
    def publications_by_kind(self) -> list[tuple[str, int]]:
        return _count_by_label(publication.get_kind_display() for publication in self.publications)

    @property
    def events_by_kind(self) -> list[tuple[str, int]]:
        return _count_by_label(event.get_kind_display() for event in self.events)


def _count_by_label(labels) -> list[tuple[str, int]]:
    """Most frequent first, then alphabetical, so the order is stable between runs."""
    return sorted(Counter(labels).items(), key=lambda item: (-item[1], item[0]))


def activity_summary(programme: Programme, start: datetime.date, end: datetime.date) -> ActivitySummary:
    """Four queries whatever the amount of data."""
    publications = list(publications_in_period(programme, start, end).order_by("published_on", "title"))
    through_registrations = took_part("registrations__")
    events = list(
        events_in_period(programme, start, end)
        .annotate(
            participant_count=Count("registrations__participant", filter=through_registrations, distinct=True),
            country_count=Count(
                "registrations__participant__country",
                filter=through_registrations & ~Q(registrations__participant__country=""),
                distinct=True,
            ),
        )
        .order_by("starts_at", "title")
    )
    resources = list(resources_available_in_period(programme, start, end).order_by("name"))
    # Counted across all events at once: someone at three events is one participant.
    reach = Registration.objects.filter(took_part(), event__in=events_in_period(programme, start, end)).aggregate(
        participants=Count("participant", distinct=True),
        countries=Count("participant__country", filter=~Q(participant__country=""), distinct=True),
    )
    return ActivitySummary(
        programme=programme,
        start=start,
        end=end,
        publications=publications,
        events=events,
        resources=resources,
        participant_count=reach["participants"],
        country_count=reach["countries"],
    )
