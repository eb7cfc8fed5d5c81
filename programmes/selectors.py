"""Read queries of the programmes app."""

from django.db.models import Q, QuerySet

from .models import InformationResource, MappingSubmission


def resources_available_in_period(programme, start, end) -> QuerySet[InformationResource]:
    """Resources launched by the end of the period (or with no launch date recorded)."""
    return InformationResource.objects.filter(programme=programme).filter(
        Q(launched_on__isnull=True) | Q(launched_on__lte=end)
    )


def version_rendered_by(job) -> MappingSubmission | None:
    """The version a mapping_submission report job rendered: the one named in its parameters, or the
    one it compiled."""
    parameters = job.parameters if isinstance(job.parameters, dict) else {}
    versions = MappingSubmission.objects.filter(exercise__reference=parameters.get("exercise"))
    if parameters.get("submission_version"):
        return versions.filter(version=parameters["submission_version"]).first()
    return versions.filter(report_job=job).first()
