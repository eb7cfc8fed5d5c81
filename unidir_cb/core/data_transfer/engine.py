"""Running an import: a file's rows imported by the model's resource in one transaction, which is
rolled back for a preview and whenever any row is wrong, so a file either imports whole or not at
all; and the outcome, as the preview page and the job's record keep it.

A lost database connection is not a row's error: it stops the import (the transaction is gone, so
nothing is saved) and is raised for the job to retry.
"""

import time
from dataclasses import asdict, dataclass, field

import tablib
from django.db import InterfaceError, OperationalError
from import_export.results import RowResult

from .resources import PREVIEW_ROWS, import_error_lines, row_number

CONNECTION_ERRORS = (OperationalError, InterfaceError)
ACTION_NAMES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
}


@dataclass
class ImportOutcome:
    dry_run: bool
    headers: list[str] = field(default_factory=list)
    # rows, new, updated, unchanged, with_errors: what the file would do (or did, when saved)
    totals: dict[str, int] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)  # the first PREVIEW_ROWS rows: row, action, cells
    errors: list[str] = field(default_factory=list)  # every error, a plain sentence each
    seconds: float = 0.0

    @property
    def succeeded(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.succeeded and not self.dry_run

    @property
    def rows_per_second(self) -> float:
        return self.totals.get("rows", 0) / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "ImportOutcome":
        return cls(**data)

    @classmethod
    def refused_file(cls, message: str, *, dry_run: bool) -> "ImportOutcome":
        return cls(dry_run=dry_run, totals={"rows": 0, "new": 0, "updated": 0, "unchanged": 0}, errors=[message])


def cell_text(value) -> str:
    return "" if value is None else str(value)


def import_dataset(resource, dataset: tablib.Dataset, *, dry_run: bool, on_progress=None) -> ImportOutcome:
    """Import `dataset` with `resource` (an ImportResource); on_progress(rows_done) every batch."""
    started = time.monotonic()
    resource.on_progress = on_progress
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )
    every_error = [*result.base_errors, *(error for _number, errors in result.row_errors() for error in errors)]
    for error in every_error:
        if isinstance(error.error, CONNECTION_ERRORS):
            raise error.error
    totals = result.totals
    outcome = ImportOutcome(
        dry_run=dry_run,
        headers=list(dataset.headers or []),
        totals={
            "rows": len(dataset),
            "new": totals.get(RowResult.IMPORT_TYPE_NEW, 0),
            "updated": totals.get(RowResult.IMPORT_TYPE_UPDATE, 0),
            "unchanged": totals.get(RowResult.IMPORT_TYPE_SKIP, 0),
            "with_errors": totals.get(RowResult.IMPORT_TYPE_INVALID, 0) + totals.get(RowResult.IMPORT_TYPE_ERROR, 0),
        },
        rows=[
            {
                "row": row_number(index),
                "action": ACTION_NAMES.get(row_result.import_type, row_result.import_type),
                "cells": [cell_text(value) for value in dataset[index - 1]],
            }
            for index, row_result in enumerate(result.rows[:PREVIEW_ROWS], start=1)
        ],
        errors=import_error_lines(result, resource),
        seconds=time.monotonic() - started,
    )
    return outcome
