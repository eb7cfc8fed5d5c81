"""Citations are pure functions of a citation record: the house style, BibTeX and RIS, checked the
way a reference manager would read them (RIS line by line, BibTeX braces balanced)."""

import json
import re

import pytest

from publications.citations import (
    CitationRecord,
    Person,
    bibtex,
    citation_key,
    csl_json,
    escape_bibtex,
    plain_text,
    ris,
)

DOMINIONI = Person("Samuele", "Dominioni")
PERSI_PAOLI = Person("Giacomo", "Persi Paoli")
FONTAINE = Person("Léa", "Fontaine")
HADDAD_ARABIC = Person("نادية", "حداد")

OEWG_VOLUME = CitationRecord(
    kind="edited_volume",
    title="Unpacking the United Nations Open-Ended Working Group on ICT in the Context of International "
    "Security (2021–2025)",
    year=2026,
    month=3,
    day=2,
    editors=(DOMINIONI, PERSI_PAOLI),
    publisher="UNIDIR",
    place="Geneva",
)
INTRODUCTION = CitationRecord(
    kind="chapter",
    title="Introduction",
    year=2026,
    month=3,
    day=2,
    authors=(DOMINIONI, PERSI_PAOLI),
    publisher="UNIDIR",
    place="Geneva",
    volume=OEWG_VOLUME,
)


def report(**overrides) -> CitationRecord:
    values = {
        "kind": "report",
        "title": "The United Nations, Cyberspace and International Peace and Security",
        "subtitle": "Responding to Complexity in the 21st Century",
        "year": 2017,
        "month": 11,
        "day": 2,
        "authors": (Person("Camino", "Kavanagh"),),
        "publisher": "UNIDIR",
        "place": "Geneva",
    }
    return CitationRecord(**{**values, **overrides})


def ris_fields(text: str) -> list[tuple[str, str]]:
    """Read RIS as a reference manager does: every line is "XY  - value"."""
    assert text.endswith("\r\n"), "RIS lines end with CRLF"
    fields = []
    for line in text.split("\r\n")[:-1]:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not a RIS line: {line!r}"
        fields.append((match[1], match[2]))
    return fields


def values_of(fields, tag) -> list[str]:
    return [value for field_tag, value in fields if field_tag == tag]


def braces_balance(text: str) -> bool:
    """Unescaped braces open and close in order (an escaped "\\{" is a literal brace, not a group)."""
    depth = 0
    escaped = False
    for character in text:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# House style ---------------------------------------------------------------------------------------


def test_an_edited_volume_is_cited_as_the_reference_volume_cites_itself():
    assert plain_text(OEWG_VOLUME) == (
        "Samuele Dominioni and Giacomo Persi Paoli (eds.), Unpacking the United Nations Open-Ended Working "
        "Group on ICT in the Context of International Security (2021–2025), (Geneva: UNIDIR, 2026)."
    )


def test_a_chapter_is_cited_in_its_volume_with_the_volumes_editors():
    assert plain_text(INTRODUCTION) == (
        "Samuele Dominioni and Giacomo Persi Paoli, “Introduction”, in Unpacking the United Nations Open-Ended "
        "Working Group on ICT in the Context of International Security (2021–2025), edited by Samuele Dominioni "
        "and Giacomo Persi Paoli, (Geneva: UNIDIR, 2026)."
    )


def test_authors_are_joined_with_commas_and_a_final_and_in_their_order():
    three = report(authors=(FONTAINE, PERSI_PAOLI, DOMINIONI))

    assert plain_text(three).startswith("Léa Fontaine, Giacomo Persi Paoli and Samuele Dominioni, The United")


def test_a_report_carries_its_subtitle_and_one_editor_is_an_ed():
    assert plain_text(report()) == (
        "Camino Kavanagh, The United Nations, Cyberspace and International Peace and Security: Responding to "
        "Complexity in the 21st Century, (Geneva: UNIDIR, 2017)."
    )
    assert plain_text(report(kind="edited_volume", authors=(), editors=(FONTAINE,))).startswith(
        "Léa Fontaine (ed.), The United"
    )


def test_a_doi_follows_the_citation_before_a_url_and_without_a_final_period():
    with_doi = report(doi="10.37559/SecTec/17/01", url="https://unidir.org/publication/x/")

    assert plain_text(with_doi).endswith("(Geneva: UNIDIR, 2017). https://doi.org/10.37559/SecTec/17/01")
    assert plain_text(report(url="https://unidir.org/x/")).endswith("2017). https://unidir.org/x/")


def test_a_publication_without_people_or_imprint_starts_with_its_title():
    anonymous = report(authors=(), subtitle="", place="", publisher="")

    assert plain_text(anonymous) == "The United Nations, Cyberspace and International Peace and Security, (2017)."


# BibTeX ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "entry_type"),
    [
        ("research_paper", "techreport"),
        ("report", "techreport"),
        ("brief", "techreport"),
        ("edited_volume", "book"),
        ("chapter", "incollection"),
        ("commentary", "misc"),
        ("tool", "misc"),
    ],
)
def test_each_kind_has_its_bibtex_entry_type(kind, entry_type):
    record = INTRODUCTION if kind == "chapter" else report(kind=kind)

    assert bibtex(record).startswith(f"@{entry_type}{{")


def test_a_chapter_in_bibtex_names_its_volume_and_the_volumes_editors():
    entry = bibtex(INTRODUCTION)

    assert entry.startswith("@incollection{dominioni2026introduction,\n")
    assert "  author = {Dominioni, Samuele and Persi Paoli, Giacomo},\n" in entry
    assert "  title = {{Introduction}},\n" in entry
    assert "  booktitle = {{Unpacking the United Nations" in entry
    assert "  editor = {Dominioni, Samuele and Persi Paoli, Giacomo},\n" in entry
    assert "  month = mar\n}" in entry
    assert entry.endswith("}\n")
    assert braces_balance(entry)


def test_a_report_in_bibtex_names_its_institution_and_type():
    entry = bibtex(report(isbn="978-92-9045-000-0", doi="10.37559/SecTec/17/01"))

    assert "  institution = {UNIDIR},\n" in entry
    assert "  type = {Report},\n" in entry
    assert "  doi = {10.37559/SecTec/17/01},\n" in entry
    assert "  isbn = {978-92-9045-000-0}" in entry
    assert braces_balance(entry)


def test_bibtex_escapes_the_characters_tex_reads_as_commands():
    assert escape_bibtex("R&D {50%} costs $5 #1 a_b") == r"R\&D \{50\%\} costs \$5 \#1 a\_b"
    assert escape_bibtex("back\\slash ~ ^") == r"back\textbackslash{}slash \textasciitilde{} \textasciicircum{}"


def test_a_bibtex_entry_with_every_special_character_keeps_its_braces_balanced():
    awkward = report(
        title="Cyber {Norms} & 100% of $ budgets: #1 in_depth}",
        subtitle="{unbalanced",
        abstract="A } stray brace and a \\ backslash",
        url="https://example.org/a_b?x=1&y=%20",
    )

    entry = bibtex(awkward)

    assert braces_balance(entry)
    assert r"Cyber \{Norms\} \& 100\% of \$ budgets: \#1 in\_depth\}: \{unbalanced" in entry


def test_non_ascii_names_survive_in_bibtex_and_ris():
    record = report(authors=(PERSI_PAOLI, FONTAINE, Person("Tomás", "Ribeiro"), HADDAD_ARABIC))

    entry = bibtex(record)
    fields = ris_fields(ris(record))

    assert "author = {Persi Paoli, Giacomo and Fontaine, Léa and Ribeiro, Tomás and حداد, نادية}" in entry
    assert values_of(fields, "AU") == ["Persi Paoli, Giacomo", "Fontaine, Léa", "Ribeiro, Tomás", "حداد, نادية"]


def test_the_citation_key_is_lastname_year_and_first_word_in_ascii():
    assert citation_key(OEWG_VOLUME) == "dominioni2026unpacking"  # editors stand in for authors
    assert citation_key(report()) == "kavanagh2017united"  # "The" is skipped
    assert citation_key(report(authors=(PERSI_PAOLI,))) == "persipaoli2017united"
    assert citation_key(report(authors=(Person("Zoë", "Ñúñez-Öberg"),), title="Éthique")) == "nunezoberg2017ethique"
    # A name with no Latin letters cannot be typed in a key: the publisher stands in for it.
    assert citation_key(report(authors=(HADDAD_ARABIC,))) == "unidir2017united"
    assert citation_key(report()) == citation_key(report()), "the same record always gets the same key"


# RIS ------------------------------------------------------------------------------------------------


def test_a_chapter_in_ris_reads_back_line_by_line():
    fields = ris_fields(ris(INTRODUCTION))

    assert fields[0] == ("TY", "CHAP")
    assert fields[-1] == ("ER", "")
    assert values_of(fields, "AU") == ["Dominioni, Samuele", "Persi Paoli, Giacomo"]
    assert values_of(fields, "ED") == ["Dominioni, Samuele", "Persi Paoli, Giacomo"]
    assert values_of(fields, "TI") == ["Introduction"]
    assert values_of(fields, "T2") == [OEWG_VOLUME.title]
    assert values_of(fields, "PY") == ["2026"]
    assert values_of(fields, "DA") == ["2026/03/02"]
    assert values_of(fields, "PB") == ["UNIDIR"]
    assert values_of(fields, "CY") == ["Geneva"]


def test_an_edited_volume_in_ris_has_editors_and_no_authors():
    fields = ris_fields(ris(OEWG_VOLUME))

    assert fields[0] == ("TY", "BOOK")
    assert values_of(fields, "AU") == []
    assert values_of(fields, "ED") == ["Dominioni, Samuele", "Persi Paoli, Giacomo"]
    assert values_of(fields, "T2") == []


def test_a_report_in_ris_carries_its_identifiers_and_keeps_each_value_on_one_line():
    record = report(
        doi="10.37559/SecTec/17/01",
        isbn="978-92-9045-000-0",
        url="https://unidir.org/publication/x/",
        abstract="First paragraph.\n\nSecond paragraph.",
        keywords=("Norms", "International law"),
    )

    fields = ris_fields(ris(record))

    assert fields[0] == ("TY", "RPRT")
    assert values_of(fields, "TI") == [
        "The United Nations, Cyberspace and International Peace and Security: Responding to Complexity in the "
        "21st Century"
    ]
    assert values_of(fields, "DO") == ["10.37559/SecTec/17/01"]
    assert values_of(fields, "SN") == ["978-92-9045-000-0"]
    assert values_of(fields, "UR") == ["https://unidir.org/publication/x/"]
    assert values_of(fields, "AB") == ["First paragraph. Second paragraph."]
    assert values_of(fields, "KW") == ["Norms", "International law"]
    assert [tag for tag, _ in fields].count("ER") == 1


# --- CSL-JSON ------------------------------------------------------------------------------------


def test_a_chapter_in_csl_json_names_its_volume_and_the_volumes_editors():
    [item] = json.loads(csl_json(INTRODUCTION, item_id="introduction"))

    assert item["id"] == "introduction"
    assert item["type"] == "chapter"
    assert item["title"] == "Introduction"
    assert item["container-title"] == OEWG_VOLUME.title
    assert item["author"] == [
        {"family": "Dominioni", "given": "Samuele"},
        {"family": "Persi Paoli", "given": "Giacomo"},
    ]
    assert item["editor"] == item["author"]
    assert item["issued"] == {"date-parts": [[2026, 3, 2]]}
    assert (item["publisher"], item["publisher-place"]) == ("UNIDIR", "Geneva")


def test_a_report_in_csl_json_keeps_non_latin_names_and_leaves_empty_fields_out():
    [item] = json.loads(csl_json(report(authors=(HADDAD_ARABIC,), doi="", url=""), item_id="report"))

    assert item["type"] == "report"
    assert item["author"] == [{"family": "حداد", "given": "نادية"}]
    assert "DOI" not in item and "URL" not in item and "container-title" not in item
