"""A world for report tests: people who may (or may not) run reports, a programme with a little
activity, and a stand-in kind of report whose build each test scripts."""

import datetime

import pytest
from django import forms
from django.utils import timezone

from tests.factories import (
    EventFactory,
    InformationResourceFactory,
    ParticipantFactory,
    ProgrammeFactory,
    PublicationFactory,
    RegistrationFactory,
)
from unidir_cb.core.reporting import registry
from unidir_cb.core.reporting.forms import ReportParametersForm
from unidir_cb.core.reporting.models import ReportFile
from unidir_cb.core.reporting.registry import ReportOutput


@pytest.fixture(autouse=True)
def report_files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def local(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def sectec(db):
    """SecTec in 2022–2023: two events (three and two participants from four countries, one person at
    both), three publications, one portal; plus activity outside the period that must not count."""
    programme = ProgrammeFactory(name="Security and Technology Programme", short_name="SecTec")
    conference = EventFactory(
        programme=programme, title="Cyber Stability Conference", kind="conference", starts_at=local(2022, 6, 1)
    )
    workshop = EventFactory(
        programme=programme, title="Regional workshop", kind="workshop", starts_at=local(2023, 3, 9)
    )
    amina = ParticipantFactory(country="KE")
    for participant in [amina, ParticipantFactory(country="FR"), ParticipantFactory(country="BR")]:
        RegistrationFactory(event=conference, participant=participant)
    RegistrationFactory(event=workshop, participant=amina)
    RegistrationFactory(event=workshop, participant=ParticipantFactory(country="FJ"))
    RegistrationFactory(event=workshop, participant=ParticipantFactory(country="CN"), status="cancelled")
    for number, published_on in enumerate(
        [datetime.date(2022, 2, 1), datetime.date(2022, 9, 1), datetime.date(2023, 12, 31)]
    ):
        PublicationFactory(programme=programme, title=f"Study {number}", published_on=published_on)
    InformationResourceFactory(programme=programme, name="Cyber Policy Portal", launched_on=datetime.date(2019, 1, 1))
    # Outside the period, a draft, a cancellation, a resource launched later: none of them counts.
    EventFactory(programme=programme, starts_at=local(2024, 1, 1))
    EventFactory(programme=programme, starts_at=local(2022, 7, 1), status="draft")
    EventFactory(programme=programme, starts_at=local(2022, 8, 1), status="cancelled")
    PublicationFactory(programme=programme, published_on=datetime.date(2021, 12, 31))
    InformationResourceFactory(programme=programme, launched_on=datetime.date(2024, 5, 1))
    return programme


SECTEC_2022_2023 = {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31"}


class FakeReportForm(ReportParametersForm):
    title = forms.CharField(label="Title")

    def to_parameters(self):
        return {"title": self.cleaned_data["title"]}


class FakeReport(registry.ReportKind):
    """A report whose build each test scripts: `fake_report.build_steps = function(job, progress)`."""

    name = "fake_report"
    label = "Fake report"
    form_class = FakeReportForm

    def __init__(self):
        self.build_steps = self.two_files

    @staticmethod
    def two_files(job, progress):
        progress(50, "Half way")
        content = f"built by job {job.pk}\n".encode() * 1000
        return [
            ReportOutput(ReportFile.Format.HTML, "fake.html", content),
            ReportOutput(ReportFile.Format.PDF, "fake.pdf", b"%PDF-" + content),
        ]

    def build(self, job, progress):
        self.validate(job.parameters)
        return self.build_steps(job, progress)


@pytest.fixture
def fake_report():
    kind = registry.register(FakeReport())
    yield kind
    registry.unregister(kind.name)
