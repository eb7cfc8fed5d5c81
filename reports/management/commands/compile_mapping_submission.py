from unidir_cb.core.reporting.commands import ReportCommand


class Command(ReportCommand):
    help = (
        "Compile the reply to a mapping exercise as a new version and write the letter (DOCX, PDF and HTML) into a "
        'folder, with a progress bar. e.g. compile_mapping_submission --exercise "ODA/2023-00042/ICT-Mapping '
        'Exercise" --output out/'
    )
    report_kind = "mapping_submission"
