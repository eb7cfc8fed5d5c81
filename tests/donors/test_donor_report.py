"""A manager reports back to two donors of the demo programme for 2022–2023: Germany, which gave
core funding, and the European Union, which paid for particular activities. The PDF, the Word
document and the spreadsheet state the same figures, which are the selectors' figures."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from donors.models import Contribution, Donor
from donors.reports import build_donor_report
from donors.selectors import funding_lines, programme_output, summarise_funding
from events.models import Event
from reports.selectors import activity_summary

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
TTX_2022 = [
    "ttx-regional-cyber-crisis-management-asean-2022",
    "ttx-regional-cyber-crisis-management-oas-2022",
]


def no_progress(percent, message):
    pass


def files_of(outputs) -> dict[str, bytes]:
    return {output.format: output.content for output in outputs}


@pytest.fixture(scope="module")
def reports(demo, django_db_blocker, tmp_path_factory):
    """The two reports, built once: rendering takes a few seconds each."""
    with django_db_blocker.unblock():
        built = {}
        for name in ("Germany", "European Union"):
            built[name] = files_of(build_donor_report(Donor.objects.get(name=name), START, END, "USD", no_progress))
    return built


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(texts)


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def test_the_core_donor_sees_its_contributions_in_euros_and_dollars_adding_up_to_the_cent(demo, reports):
    germany = Donor.objects.get(name="Germany")
    lines = funding_lines(START, END, "USD", donor=germany)
    summary = summarise_funding(lines, "USD")
    rows = sheet_rows(reports["Germany"]["xlsx"], "Contributions")

    header, *contributions, total = rows
    assert header[0] == "Reference" and header[-2:] == ("Converted (USD)", "In the period (USD)")
    assert [row[0] for row in contributions] == ["SECTEC/2022/DE-01", "SECTEC/2023/DE-01"]
    assert [(row[6], cents(row[7])) for row in contributions] == [
        ("EUR", Decimal("600000.00")),
        ("EUR", Decimal("650000.00")),
    ]
    assert [cents(row[9]) for row in contributions] == [line.converted.amount for line in lines]
    # The total is the sum of the rounded lines, to the cent, in the file as in the selectors.
    assert (
        cents(total[9]) == sum(cents(row[9]) for row in contributions) == sum(line.converted.amount for line in lines)
    )
    assert cents(total[10]) == summary.total
    years = sheet_rows(reports["Germany"]["xlsx"], "Funding by year")
    assert [(row[0], cents(row[3])) for row in years[1:-1]] == list(summary.by_year.items())
    assert cents(years[-1][3]) == summary.total


def test_core_funding_is_reported_against_the_whole_programme_output(demo, reports, tmp_path):
    summary = activity_summary(demo, START, END)
    output = programme_output(demo, START, END)
    glance = dict(sheet_rows(reports["Germany"]["xlsx"], "Core at a glance")[1:])

    # The same events, participants and countries as the activity summary counts for the programme.
    assert glance["Events"] == summary.event_count == 10
    assert glance["Participants"] == summary.participant_count == output.reach.participants
    assert glance["Countries of participants"] == summary.country_count
    assert glance["Publications"] == summary.publication_count
    assert glance["Translations"] == len(output.translations)
    assert glance["Participants from LDCs"] == output.reach.by_grouping.by_special_group["ldc"]
    events = sheet_rows(reports["Germany"]["xlsx"], "Core events")
    assert [row[1] for row in events[1:-1]] == [event.title for event in summary.events]

    text = pdf_text(reports["Germany"]["pdf"], tmp_path)
    assert "Donor report: Germany" in text
    assert "Core funding: everything SecTec did in the period" in text
    assert "SECTEC/2023/DE-01" in text
    assert "650,000.00" in text
    assert (
        money(summarise_funding(funding_lines(START, END, "USD", donor=Donor.objects.get(name="Germany")), "USD").total)
        in text
    )
    for heading in ("By UN regional group", "By gender", "By kind of organisation", "Translations"):
        assert heading in text


def test_the_word_document_states_the_same_figures_with_the_charts(demo, reports):
    text = docx_text(reports["Germany"]["docx"])
    summary = activity_summary(demo, START, END)

    assert "Donor report: Germany" in text
    assert f"Participants | {summary.participant_count}" in text
    assert "SECTEC/2022/DE-01 | Core programme funding | Received" in text
    document = Document(io.BytesIO(reports["Germany"]["docx"]))
    # Funding by year and type, activities by kind and year, participants by regional group, by year
    # and gender, by year and kind of organisation, and the world map.
    descriptions = [image._inline.docPr.get("descr") for image in document.inline_shapes]
    assert [description.split(":")[0] for description in descriptions] == [
        "Column chart, Funding by year and type (USD), stacked",
        "Column chart, Activities by kind and year (events), stacked",
        "Bar chart, Participants by UN regional group (participants)",
        "Column chart, Participants by year and gender (participants), stacked",
        "Column chart, Participants by year and kind of organisation (participants), stacked",
        "World map, Where participants in the programme's events came from (participants)",
    ]
    # The demo has participants from Tuvalu, which Natural Earth's 1:50m countries do not draw.
    assert f"{summary.country_count - 1} countries shaded" in descriptions[-1]
    assert descriptions[-1].endswith("Too small for the map's data: Tuvalu.")
    captions = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Caption"]
    assert len(captions) == 6 and all(caption.startswith("Source: ") for caption in captions)
    assert "do not imply official endorsement or acceptance by the United Nations" in captions[-1]


def test_earmarked_funding_is_reported_against_what_it_is_linked_to(demo, reports, tmp_path):
    rows = sheet_rows(reports["European Union"]["xlsx"], "Earmarked events")
    titles = [row[1] for row in rows[1:-1]]

    assert titles == list(Event.objects.filter(slug__in=TTX_2022).order_by("starts_at").values_list("title", flat=True))
    glance = dict(sheet_rows(reports["European Union"]["xlsx"], "Earmarked at a glance")[1:])
    contribution = Contribution.objects.get(reference="SECTEC/2022/EU-01")
    linked = programme_output(demo, START, END, funded_by=[contribution])
    assert glance["Participants"] == linked.reach.participants == 55  # the 2022 table-top exercises
    assert glance["Publications"] == 2
    assert "Core at a glance" not in load_workbook(io.BytesIO(reports["European Union"]["xlsx"])).sheetnames

    text = pdf_text(reports["European Union"]["pdf"], tmp_path)
    assert "Activity-specific funding: what it paid for (SecTec)" in text
    assert "Cyber Policy Portal" in text
    assert "Cyber Stability Conference 2023" not in text  # SecTec's, but not paid for by the EU
    docx = docx_text(reports["European Union"]["docx"])
    assert "SECTEC/2022/EU-01 | Activity-specific | Received" in docx
    assert "Cyber Policy Portal" in docx
