"""The kinds of report a ReportJob can build.

A kind is a small class: a name (stored on the job), a label for staff, a parameter form, and a
`build(job, progress)` method returning the files. Apps declare theirs in a `report_kinds` module,
which ReportingConfig.ready() imports:

    class DonorReport(ReportKind):
        name = "donor_report"
        label = "Donor report"
        form_class = DonorReportForm

        def build(self, job, progress):
            values = self.validate(job.parameters)
            progress(10, "Reading contributions")
            ...
            return [ReportOutput(ReportFile.Format.PDF, "donor-report.pdf", pdf_bytes)]

    registry.register(DonorReport())
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .forms import ReportParametersForm

RUN_REPORTS_PERMISSION = "programmes.run_reports"
# Reports are written in English, the programme's working language, whatever language the person who
# started one browses in: with eager Celery (the demo) a build runs inside their request.
DOCUMENT_LANGUAGE = "en"

# progress(percent, message): records how far the build got and keeps the job's heartbeat fresh.
ProgressCallback = Callable[[int, str], None]


class ReportParametersError(Exception):
    """Parameters a report cannot run with. The message is written for staff and shown on the job."""


class ReportBuildError(Exception):
    """A build stopped for a reason staff can act on; the message is shown on the job as it is."""


@dataclass(frozen=True)
class ReportOutput:
    """One file a build produced, in memory or, when big (an export), in a temporary file the build
    wrote: nothing is stored until every file is built."""

    format: str  # a ReportFile.Format value
    filename: str
    content: bytes = b""
    path: Path | None = None

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else len(self.content)

    @contextmanager
    def opened(self):
        from django.core.files import File
        from django.core.files.base import ContentFile

        if self.path is None:
            yield ContentFile(self.content)
            return
        try:
            with open(self.path, "rb") as stream:
                yield File(stream)
        finally:
            self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class BuildResult:
    """What a build returns when it has more to say than its files: `summary` is kept on the job
    (ReportJob.result) for its page. A build may also return just the list of files."""

    outputs: list[ReportOutput] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def as_build_result(built) -> BuildResult:
    return built if isinstance(built, BuildResult) else BuildResult(outputs=list(built))


class ReportKind:
    name: str = ""
    label: str = ""
    description: str = ""
    form_class: type[ReportParametersForm] = ReportParametersForm
    # Who may start this kind and see its runs; a kind that shows money adds the finance permission.
    required_permissions: tuple[str, ...] = (RUN_REPORTS_PERMISSION,)
    # False for a kind whose outcome is its summary (an import), not files.
    produces_files: bool = True
    # True for a kind that writes all it does in one transaction (an import): see JobProgress.
    builds_in_one_transaction: bool = False
    # False where running the same parameters again makes no sense (an import's preview).
    can_be_rerun: bool = True
    next_page_label: str = ""

    def can_run(self, user) -> bool:
        return user.has_perms(self.required_permissions)

    def validate(self, parameters) -> dict:
        """The cleaned values of `parameters` (the job's JSON), or ReportParametersError naming every
        problem. The same form checks the staff page, the management command and the worker."""
        if not isinstance(parameters, dict):
            raise ReportParametersError("The parameters must be a set of named values.")
        form = self.form_class(data=parameters)
        unexpected = sorted(set(parameters) - set(form.fields))
        if unexpected:
            raise ReportParametersError(
                f"{self.label} does not take {', '.join(unexpected)}; it takes {', '.join(form.fields)}."
            )
        if not form.is_valid():
            raise ReportParametersError(form.errors_as_sentences())
        return form.cleaned_data

    def parameters_from_form(self, form: ReportParametersForm) -> dict:
        return form.to_parameters()

    def describe(self, parameters) -> str:
        """A one-line summary of the parameters for lists of past runs (no database queries)."""
        if not isinstance(parameters, dict):
            return str(parameters)
        return ", ".join(f"{name}: {value}" for name, value in parameters.items())

    def build(self, job, progress: ProgressCallback) -> list[ReportOutput]:
        raise NotImplementedError

    def next_page(self, job) -> str:
        """Where the job's page sends people once it has finished (an import's preview); "" for none."""
        return ""

    def on_success(self, job) -> None:
        """Runs in the transaction that stores the job's files and marks it succeeded (so both happen
        or neither), e.g. to point a record at the files it just got. Most kinds need nothing here."""


class UnknownReportKind(ReportParametersError):
    pass


_kinds: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    if not kind.name or not kind.label:
        raise ImproperlyConfigured(f"{type(kind).__name__} needs a name and a label.")
    if kind.name in _kinds and type(_kinds[kind.name]) is not type(kind):
        raise ImproperlyConfigured(f"Two kinds of report are called {kind.name!r}.")
    _kinds[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _kinds.pop(name, None)


def get_kind(name: str) -> ReportKind:
    try:
        return _kinds[name]
    except KeyError:
        known = ", ".join(sorted(_kinds)) or "none"
        raise UnknownReportKind(f"There is no report called {name!r}. Known reports: {known}.") from None


def find_kind(name: str) -> ReportKind | None:
    return _kinds.get(name)


def all_kinds() -> list[ReportKind]:
    return sorted(_kinds.values(), key=lambda kind: str(kind.label))
