"""The question before an import is saved: what the dry run found, and import or not."""

from __future__ import annotations

from pathlib import Path

from journal.import_export import ImportReport
from screens.forms import ConfirmDialog


def totals(report: ImportReport) -> str:
    """`added 3, updated 1, unchanged 20`: every count of the report."""
    return ", ".join(f"{k} {v}" for k, v in report.counts.items())


class ImportDialog(ConfirmDialog):
    """`Import contacts.vcf?` over what the import would do; `y` imports, `n` does not."""

    def __init__(self, path: Path, report: ImportReport) -> None:
        detail = report.summary().split("\n", 1)[-1]  # the first line names the file
        super().__init__(f"Import {path.name}?", detail, yes="Import")
        self.path = path
        self.report = report
