"""The build of the "mapping_submission" report: compile a new version of the reply (or take a
reviewed one) and render it as HTML, DOCX and PDF. The files are the report job's; once the job has
stored them, the version points at it (MappingSubmission.rendering_job, see the report kind)."""

from programmes.models import MappingSubmission
from unidir_cb.core.reporting.models import ReportFile
from unidir_cb.core.reporting.registry import ProgressCallback, ReportBuildError, ReportOutput

from .compiler import MappingCompilationError
from .letter import build_letter, letter_docx, letter_html, letter_pdf
from .services import compile_mapping_submission

# compile_mapping_sections reports 10–75%; the compilation is the first half of the build.
COMPILE_SHARE = 0.6


def build_mapping_submission(job, values: dict, progress: ProgressCallback) -> list[ReportOutput]:
    submission = submission_for_job(job, values, progress)
    progress(60, f"Writing the letter for version {submission.version}")
    letter = build_letter(submission)
    html = letter_html(letter)
    progress(70, "Writing the Word document")
    docx = letter_docx(letter)
    progress(80, "Rendering the PDF")
    pdf = letter_pdf(html)
    progress(92, f"Keeping the files with version {submission.version}")
    contents = {ReportFile.Format.DOCX: docx, ReportFile.Format.PDF: pdf, ReportFile.Format.HTML: html.encode("utf-8")}
    return [
        ReportOutput(file_format, submission.rendering_filename(file_format, letter.signed), content)
        for file_format, content in contents.items()
    ]


def submission_for_job(job, values: dict, progress: ProgressCallback) -> MappingSubmission:
    """The version this job renders: the one asked for, the one an earlier try of this job already
    compiled (a worker died after compiling), or a new one compiled now."""
    exercise = values["exercise"]
    submissions = MappingSubmission.objects.select_related("exercise__requesting_entity")
    if values.get("submission_version"):
        progress(5, f"Reading version {values['submission_version']} of {exercise.reference}")
        return submissions.get(exercise=exercise, version=values["submission_version"])
    already_compiled = submissions.filter(report_job=job).first()
    if already_compiled is not None:
        progress(50, f"Version {already_compiled.version} was already compiled by an earlier try")
        return already_compiled
    progress(2, f"Compiling {exercise.reference} from the data")

    def compile_progress(percent, message):
        progress(round(percent * COMPILE_SHARE), message)

    try:
        submission = compile_mapping_submission(
            exercise,
            compile_progress,
            period_start=values.get("start"),
            period_end=values.get("end"),
            report_job=job,
        )
    except MappingCompilationError as error:
        raise ReportBuildError(str(error)) from error
    progress(50, f"Compiled version {submission.version}")
    return submissions.get(pk=submission.pk)
