"""The staff review form of a mapping submission, as plain HTML form fields (it works without
JavaScript): section texts, the order of the sections and of their examples, leaving sections or
examples out and putting them back, and pinning an activity so that every later compilation of the
exercise cites it whatever the bounds on examples (the compiler reads the pins of the latest version).

`review_sections` describes a version for the page; `sections_from_post` reads the posted form
back into a new `sections` dict, which services.save_submission_edits validates and stores.
Examples left out are kept in the section (`removed_bullets`, `removed_activities`) so they can be
restored; the renderers never read those keys."""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from programmes.sections import SECTION_ORDER

SECTION_NAMES = {
    "introduction": "Introduction",
    "research": "Research",
    "participatory_learning": "Participatory learning activities",
    "access_to_information": "Facilitated access to information",
    "funding": "Funding",
    "closing": "Closing",
}
# The lists of examples staff may reorder and leave out, and what the page calls them.
ITEM_LISTS = {"bullets": "Examples and list items", "activities": "Activities, by year"}
PARAGRAPH_LISTS = ("paragraphs", "closing_paragraphs")


@dataclass
class ReviewItem:
    index: int
    text: str
    pinnable: bool = False  # activities can be pinned; list items and bullets are plain text
    pinned: bool = False


@dataclass
class ReviewItemList:
    name: str
    label: str
    items: list[ReviewItem] = field(default_factory=list)
    removed: list[ReviewItem] = field(default_factory=list)


@dataclass
class ReviewSection:
    key: str
    name: str
    included: bool
    position: int
    heading: str | None  # None: the section has no heading/lead to edit
    lead: str | None
    paragraphs: list[tuple[str, int, str]]  # (list name, index, text)
    item_lists: list[ReviewItemList]


def _item_text(item) -> str:
    return item["text"] if isinstance(item, dict) else item


def _review_item(index: int, item) -> ReviewItem:
    if isinstance(item, dict):
        return ReviewItem(index, item["text"], pinnable=True, pinned=bool(item.get("pinned")))
    return ReviewItem(index, item)


def review_sections(sections: dict) -> list[ReviewSection]:
    """The sections in the letter's order, then those left out (so they can be put back)."""
    order = list(sections.get("order", []))
    left_out = [key for key in SECTION_ORDER if key in sections and key not in order]
    result = []
    for position, key in enumerate(order + left_out, start=1):
        section = sections[key]
        has_lead = "lead" in section or bool(section.get("heading"))
        paragraphs = [
            (list_name, index, text)
            for list_name in PARAGRAPH_LISTS
            for index, text in enumerate(section.get(list_name, []))
        ]
        item_lists = [
            ReviewItemList(
                name=list_name,
                label=label,
                items=[_review_item(index, item) for index, item in enumerate(section.get(list_name, []))],
                removed=[
                    ReviewItem(index, _item_text(item))
                    for index, item in enumerate(section.get(f"removed_{list_name}", []))
                ],
            )
            for list_name, label in ITEM_LISTS.items()
            if section.get(list_name) or section.get(f"removed_{list_name}")
        ]
        result.append(
            ReviewSection(
                key=key,
                name=SECTION_NAMES.get(key, key),
                included=key in order,
                position=position,
                heading=section.get("heading", "") if has_lead else None,
                lead=section.get("lead", "") if has_lead else None,
                paragraphs=paragraphs,
                item_lists=item_lists,
            )
        )
    return result


def _position(data, name: str, default: int) -> int:
    value = (data.get(name) or "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValidationError(f"“{value}” is not a position: give a whole number.") from None


def _sort_key(position: int, shown_at: int) -> tuple[int, int, int]:
    """Order by the position staff typed; of two at the same position, the one staff moved there
    comes first ("put this second" pushes the one that was second down)."""
    return (position, 0 if position != shown_at else 1, shown_at)


def _text(data, name: str, default: str) -> str:
    value = data.get(name)
    return default if value is None else value.replace("\r\n", "\n").strip()


def _items_from_post(data, prefix: str, section: dict, list_name: str) -> tuple[list, list]:
    """Kept items in their new order, and the items left out (newly removed after those already out)."""
    kept, removed = [], []
    for index, item in enumerate(section.get(list_name, [])):
        name = f"{prefix}-{list_name}-{index}"
        text = _text(data, f"{name}-text", _item_text(item))
        left_out = bool(data.get(f"{name}-remove") or not text)
        if isinstance(item, dict):
            # An example left out is no longer pinned: staff chose not to cite it.
            item = {key: value for key, value in item.items() if key != "pinned"} | {"text": text}
            if data.get(f"{name}-pin") and not left_out:
                item["pinned"] = True
        else:
            item = text
        if left_out:
            removed.append(item)
        else:
            kept.append((*_sort_key(_position(data, f"{name}-position", index + 1), index + 1), item))
    still_removed = []
    for index, item in enumerate(section.get(f"removed_{list_name}", [])):
        if data.get(f"{prefix}-removed_{list_name}-{index}-restore"):
            kept.append((10_000, 0, 10_000 + index, item))  # put back at the end
        else:
            still_removed.append(item)
    kept.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in kept], still_removed + removed


def sections_from_post(sections: dict, data) -> dict:
    """A copy of `sections` with the posted edits applied. Raises ValidationError for a position
    that is not a number; everything else is checked by services.validate_sections."""
    edited = copy.deepcopy(sections)
    order = []
    for review in review_sections(sections):
        key, prefix = review.key, f"section-{review.key}"
        section = edited[key]
        if review.heading is not None:
            section["heading"] = _text(data, f"{prefix}-heading", section.get("heading", ""))
            section["lead"] = _text(data, f"{prefix}-lead", section.get("lead", ""))
        for list_name in PARAGRAPH_LISTS:
            if list_name in section:
                texts = [
                    _text(data, f"{prefix}-{list_name}-{index}", text) for index, text in enumerate(section[list_name])
                ]
                section[list_name] = [text for text in texts if text]  # an emptied paragraph is left out
        for list_name in ITEM_LISTS:
            if list_name in section or f"removed_{list_name}" in section:
                kept, removed = _items_from_post(data, prefix, section, list_name)
                section[list_name] = kept
                if removed:
                    section[f"removed_{list_name}"] = removed
                else:
                    section.pop(f"removed_{list_name}", None)
        if data.get(f"{prefix}-include"):
            order.append((*_sort_key(_position(data, f"{prefix}-position", review.position), review.position), key))
    if not order:
        raise ValidationError("Keep at least one section in the letter.")
    order.sort()
    edited["order"] = [entry[3] for entry in order]
    return edited
