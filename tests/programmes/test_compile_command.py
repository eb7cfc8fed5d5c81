"""`manage.py compile_mapping_submission --exercise REF --output DIR` compiles a new version of the
reply in the terminal, with a progress bar, and writes the letter into the folder."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from programmes.models import MappingSubmission
from tests.conftest import database_url_of, run_manage
from tests.programmes.letter_text import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_word_document_and_the_pdf_into_the_folder(space_programme, tmp_path, capsys):
    output = tmp_path / "out"

    call_command("compile_mapping_submission", "--exercise", space_programme.reference, "--output", str(output))

    names = sorted(path.name for path in output.iterdir())
    # A version just compiled is not approved yet: its files are named (and marked) as a draft.
    assert names == [f"oosa2024-7space-mapping-v1-draft.{extension}" for extension in ("docx", "html", "pdf")]
    docx, pdf = (output / names[0]).read_bytes(), (output / names[2]).read_bytes()
    assert docx.startswith(b"PK") and pdf.startswith(b"%PDF")
    assert "Dear Dr. Okafor," in docx_text(docx)
    assert "Dear Dr. Okafor," in pdf_text(pdf)
    printed = capsys.readouterr()
    assert str(output / names[0]) in printed.out
    assert "Mapping submission:" in printed.err and "100%" in printed.err  # the progress bar
    assert MappingSubmission.objects.get().version == 1


def test_an_unknown_exercise_stops_the_command_with_the_reason_and_no_files(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("compile_mapping_submission", "--exercise", "ODA/0000/None", "--output", str(tmp_path / "out"))

    assert str(error.value) == "Mapping exercise: There is no mapping exercise with the reference “ODA/0000/None”."
    assert not (tmp_path / "out").exists()


def test_from_a_shell_an_unknown_exercise_prints_the_reason_and_exits_non_zero(tmp_path):
    result = run_manage(
        "compile_mapping_submission",
        "--exercise",
        "ODA/0000/None",
        "--output",
        str(tmp_path),
        DJANGO_ENV="test",
        DATABASE_URL=database_url_of(connection.settings_dict),
    )

    assert result.returncode == 1
    assert "There is no mapping exercise with the reference “ODA/0000/None”." in result.stderr
    assert "Traceback" not in result.stderr
