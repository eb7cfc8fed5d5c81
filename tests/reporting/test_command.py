"""`manage.py run_report KIND ... --output DIR` runs a report in the terminal and writes its files."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.conftest import database_url_of, run_manage
from unidir_cb.core.reporting.models import ReportJob

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_files_of_an_activity_summary_into_the_folder(sectec, tmp_path, capsys):
    output = tmp_path / "out"

    call_command(
        "run_report",
        "activity_summary",
        "--programme",
        "SecTec",
        "--start",
        "2022-01-01",
        "--end",
        "2023-12-31",
        "--output",
        str(output),
    )

    names = sorted(path.name for path in output.iterdir())
    assert names == [
        f"activity-summary-sectec-2022-01-01-2023-12-31.{extension}" for extension in ("html", "pdf", "xlsx")
    ]
    assert (output / names[1]).read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr()
    assert str(output / names[0]) in printed.out
    assert "100%" in printed.err  # the progress bar
    job = ReportJob.objects.get()
    assert (job.status, job.requested_by) == (ReportJob.Status.SUCCEEDED, None)


def test_bad_parameters_stop_the_command_with_the_reason_and_no_files(sectec, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "run_report",
            "activity_summary",
            "--programme",
            "Nope",
            "--start",
            "2023-01-01",
            "--end",
            "2022-01-01",
            "--output",
            str(tmp_path / "out"),
        )

    assert str(error.value) == (
        "Programme: There is no programme with the short name “Nope”. "
        "End of the period: The period ends (2022-01-01) before it starts (2023-01-01)."
    )
    assert not (tmp_path / "out").exists()


def test_a_build_that_fails_stops_the_command_with_the_jobs_error(fake_report, tmp_path):
    def build(job, progress):
        raise ValueError("the template is missing")

    fake_report.build_steps = build

    with pytest.raises(CommandError, match=r"Report #\d+ failed: .*ValueError: the template is missing"):
        call_command("run_report", "fake_report", "--title", "Figures", "--output", str(tmp_path), verbosity=0)


def test_from_a_shell_bad_parameters_print_the_reason_and_exit_non_zero(tmp_path):
    result = run_manage(
        "run_report",
        "activity_summary",
        "--programme",
        "Nope",
        "--output",
        str(tmp_path),
        DJANGO_ENV="test",
        DATABASE_URL=database_url_of(connection.settings_dict),
    )

    assert result.returncode == 1
    assert "CommandError: Programme: There is no programme with the short name “Nope”." in result.stderr
    assert "Start of the period: This field is required." in result.stderr
    assert "Traceback" not in result.stderr
