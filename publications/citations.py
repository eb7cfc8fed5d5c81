"""Citations of a publication: the house style as plain text, BibTeX, RIS and CSL-JSON.

Pure functions over a `CitationRecord`, so that every format is tested without a database;
`record_of` builds the record from a Publication (no queries when its authorships, topics and volume
are prefetched, as `selectors.public_publication` does).

House style (plain text) follows the reference volume's own citation line:

    Samuele Dominioni and Giacomo Persi Paoli (eds.), Unpacking the United Nations Open-Ended
    Working Group on ICT in the Context of International Security (2021–2025), (Geneva: UNIDIR, 2026).

- people are written "First Last", joined by commas and a final "and" (no serial comma);
- one editor is "(ed.)", several are "(eds.)"; editors stand in for authors only when there are none;
- a chapter reads: Authors, “Chapter title”, in Volume title, edited by Editors, (Place: Publisher, Year).
- a DOI, when there is one, follows as https://doi.org/<DOI>, else the URL; neither ends with a period
  so that the address can be copied as it is.
Citations are written in English whatever the reader's language: they cite the English original.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field

# BibTeX entry type, RIS reference type and the word BibTeX's "type" field gives a report, by kind.
BIBTEX_TYPES = {
    "research_paper": "techreport",
    "report": "techreport",
    "brief": "techreport",
    "edited_volume": "book",
    "chapter": "incollection",
    # A commentary or a tool is published on the web, not in a journal: @misc says so honestly.
    "commentary": "misc",
    "tool": "misc",
}
RIS_TYPES = {
    "research_paper": "RPRT",
    "report": "RPRT",
    "brief": "RPRT",
    "edited_volume": "BOOK",
    "chapter": "CHAP",
    "commentary": "ELEC",
    "tool": "ELEC",
}
# CSL item types (what Zotero, Mendeley and citeproc read as CSL-JSON), by kind.
CSL_TYPES = {
    "research_paper": "report",
    "report": "report",
    "brief": "report",
    "edited_volume": "book",
    "chapter": "chapter",
    "commentary": "webpage",
    "tool": "webpage",
}
REPORT_TYPE_NAMES = {"research_paper": "Research paper", "report": "Report", "brief": "Brief"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Words a citation key skips when it takes the title's first word.
KEY_SKIPPED_WORDS = {"a", "an", "the", "on", "of", "in"}


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str

    @property
    def natural_name(self) -> str:
        """ "Giacomo Persi Paoli": how the house style writes people."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def inverted_name(self) -> str:
        """ "Persi Paoli, Giacomo": how BibTeX and RIS tell the last name from the first, whatever its words."""
        return f"{self.last_name}, {self.first_name}" if self.first_name else self.last_name


@dataclass(frozen=True)
class CitationRecord:
    kind: str  # a Publication.Kind value
    title: str
    year: int
    subtitle: str = ""
    month: int | None = None
    day: int | None = None
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    publisher: str = ""
    place: str = ""
    doi: str = ""
    isbn: str = ""
    url: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    # For a chapter: the volume it is in (whose editors and title the chapter's citation names).
    volume: "CitationRecord | None" = field(default=None)

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


def record_of(publication, with_keywords: bool = True) -> CitationRecord:
    """The citation record of a Publication; reads its authorships, topics and volume (prefetch them).
    A chapter's volume record leaves its topics out: only its title, editors and imprint are cited."""
    authorships = list(publication.authorships.all())
    published_on = publication.published_on
    return CitationRecord(
        kind=publication.kind,
        title=publication.title,
        subtitle=publication.subtitle,
        year=published_on.year,
        month=published_on.month,
        day=published_on.day,
        authors=_people(authorships, "author"),
        editors=_people(authorships, "editor"),
        publisher=publication.publisher,
        place=publication.place,
        doi=publication.doi,
        isbn=publication.isbn,
        url=publication.url,
        abstract=publication.abstract,
        keywords=tuple(topic.name for topic in publication.topics.all()) if with_keywords else (),
        volume=record_of(publication.volume, with_keywords=False) if publication.volume_id else None,
    )


def _people(authorships, role: str) -> tuple[Person, ...]:
    chosen = sorted((a for a in authorships if a.role == role), key=lambda authorship: authorship.order)
    return tuple(Person(a.contributor.first_name, a.contributor.last_name) for a in chosen)


# Plain text (house style) ------------------------------------------------------------------------


def join_names(people) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = [person.natural_name for person in people]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _editors_label(editors) -> str:
    return "(ed.)" if len(editors) == 1 else "(eds.)"


def _imprint(place: str, publisher: str, year: int) -> str:
    """ "(Geneva: UNIDIR, 2026)"; a part that is missing is left out with its punctuation."""
    where_and_who = ": ".join(part for part in (place, publisher) if part)
    return f"({where_and_who}, {year})" if where_and_who else f"({year})"


def _link(record: CitationRecord) -> str:
    if record.doi:
        return f"https://doi.org/{record.doi}"
    return record.url


def plain_text(record: CitationRecord) -> str:
    """The house-style citation (see the module's docstring)."""
    if record.kind == "chapter" and record.volume is not None:
        parts = [f"“{record.full_title}”"]
        if record.authors:
            parts.insert(0, join_names(record.authors))
        in_volume = f"in {record.volume.full_title}"
        if record.volume.editors:
            in_volume += f", edited by {join_names(record.volume.editors)}"
        parts.append(in_volume)
        imprint_of = record.volume
    else:
        parts = [record.full_title]
        if record.authors:
            parts.insert(0, join_names(record.authors))
        elif record.editors:
            parts.insert(0, f"{join_names(record.editors)} {_editors_label(record.editors)}")
        imprint_of = record
    # A chapter is published by its volume's publisher, but dated by its own date (usually the same).
    imprint = _imprint(imprint_of.place, imprint_of.publisher, record.year)
    citation = f"{', '.join(parts)}, {imprint}."
    link = _link(record)
    return f"{citation} {link}" if link else citation


# BibTeX -------------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_bibtex(text: str) -> str:
    """Escape the characters (La)TeX treats specially; letters outside ASCII stay as UTF-8, which
    biber and BibTeX 8-bit read as they are."""
    return "".join(_BIBTEX_SPECIAL.get(character, character) for character in text)


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of `text`, accents dropped ("Fontaine", "Léa" -> "lea")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def citation_key(record: CitationRecord) -> str:
    """lastname + year + first word of the title, in ASCII: "persipaoli2026unpacking".

    The first author's last name (else the first editor's, else the publisher's) and the title's first
    word that is not an article or a short preposition. A name with no Latin letters (Arabic, Chinese)
    gives nothing in ASCII, so the publisher stands in for it: keys stay stable and typeable."""
    people = record.authors or record.editors
    name = _ascii_word(people[0].last_name) if people else ""
    name = name or _ascii_word(record.publisher) or "anonymous"
    words = [_ascii_word(word) for word in record.title.split()]
    meaningful = [word for word in words if word and word not in KEY_SKIPPED_WORDS]
    first_word = meaningful[0] if meaningful else next((word for word in words if word), "")
    return f"{name}{record.year}{first_word}"


def _bibtex_people(people) -> str:
    # "Last, First" tells BibTeX where a last name of several words ends ("Persi Paoli, Giacomo").
    return " and ".join(escape_bibtex(person.inverted_name) for person in people)


def bibtex(record: CitationRecord) -> str:
    entry_type = BIBTEX_TYPES.get(record.kind, "misc")
    fields: list[tuple[str, str]] = []
    if record.authors:
        fields.append(("author", _bibtex_people(record.authors)))
    if record.kind == "edited_volume" and record.editors:
        fields.append(("editor", _bibtex_people(record.editors)))
    # Double braces keep the title's capitals (ICT, OEWG, United Nations) from being lower-cased.
    fields.append(("title", "{" + escape_bibtex(record.full_title) + "}"))
    if record.kind == "chapter" and record.volume is not None:
        fields.append(("booktitle", "{" + escape_bibtex(record.volume.full_title) + "}"))
        if record.volume.editors:
            fields.append(("editor", _bibtex_people(record.volume.editors)))
    if entry_type == "techreport":
        fields.append(("institution", escape_bibtex(record.publisher)))
        fields.append(("type", REPORT_TYPE_NAMES[record.kind]))
    elif record.publisher:
        fields.append(("publisher", escape_bibtex(record.publisher)))
    if record.place:
        fields.append(("address", escape_bibtex(record.place)))
    fields.append(("year", str(record.year)))
    lines = [f"@{entry_type}{{{citation_key(record)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    if record.month:
        # A month macro (no braces) lets each style print the month its own way.
        lines.append(f"  month = {MONTHS[record.month - 1]},")
    for name, value in (("doi", record.doi), ("isbn", record.isbn), ("url", record.url)):
        if value:
            # DOIs and URLs are verbatim fields in biblatex, but classic BibTeX styles print them
            # through TeX: escaping keeps both working.
            lines.append(f"  {name} = {{{escape_bibtex(value)}}},")
    if record.abstract:
        lines.append(f"  abstract = {{{escape_bibtex(record.abstract)}}},")
    if record.keywords:
        lines.append(f"  keywords = {{{escape_bibtex(', '.join(record.keywords))}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


# RIS ----------------------------------------------------------------------------------------------


def _ris_line(tag: str, value: str) -> str:
    # RIS is one field a line: a line break inside a value would start a bogus field.
    return f"{tag}  - {' '.join(value.split())}"


def ris(record: CitationRecord) -> str:
    """RIS with CRLF line ends (as the format asks), ending with "ER  - "."""
    lines = [_ris_line("TY", RIS_TYPES.get(record.kind, "GEN"))]
    lines += [_ris_line("AU", person.inverted_name) for person in record.authors]
    editors = record.volume.editors if record.kind == "chapter" and record.volume is not None else record.editors
    lines += [_ris_line("ED", person.inverted_name) for person in editors]
    lines.append(_ris_line("TI", record.full_title))
    if record.kind == "chapter" and record.volume is not None:
        lines.append(_ris_line("T2", record.volume.full_title))
    lines.append(_ris_line("PY", str(record.year)))
    if record.month and record.day:
        lines.append(_ris_line("DA", f"{record.year:04d}/{record.month:02d}/{record.day:02d}"))
    optional = [
        ("PB", record.publisher),
        ("CY", record.place),
        ("DO", record.doi),
        ("SN", record.isbn),
        ("UR", record.url),
        ("AB", record.abstract),
    ]
    lines += [_ris_line(tag, value) for tag, value in optional if value]
    lines += [_ris_line("KW", keyword) for keyword in record.keywords]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def _csl_people(people) -> list[dict]:
    return [{"family": person.last_name, "given": person.first_name} for person in people]


def csl_json(record: CitationRecord, item_id: str) -> str:
    """One CSL-JSON item in a list, as reference managers import it."""
    date_parts = [part for part in (record.year, record.month, record.day) if part]
    editors = record.volume.editors if record.kind == "chapter" and record.volume is not None else record.editors
    item = {
        "id": item_id,
        "type": CSL_TYPES.get(record.kind, "document"),
        "title": record.full_title,
        "author": _csl_people(record.authors),
        "editor": _csl_people(editors),
        "issued": {"date-parts": [date_parts]},
        "container-title": record.volume.full_title if record.kind == "chapter" and record.volume else "",
        "genre": REPORT_TYPE_NAMES.get(record.kind, ""),
        "publisher": record.publisher,
        "publisher-place": record.place,
        "DOI": record.doi,
        "ISBN": record.isbn,
        "URL": record.url,
        "abstract": record.abstract,
        "keyword": ", ".join(record.keywords),
    }
    # Empty fields are left out rather than written empty, as CSL processors expect.
    return json.dumps([{key: value for key, value in item.items() if value}], ensure_ascii=False, indent=2)
