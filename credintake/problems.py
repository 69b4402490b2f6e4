"""Problems met while reading and classifying, handed to the rules that report them.

A problem never carries document text: only the file name, the page and a reason
written for a specialist ("encrypted PDF: ask the provider for an unprotected copy").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    kind: Literal["unreadable", "unclassified", "not_professional_liability"]
    file: str
    reason: str
    page: int | None = None            # 1-based page within ``file``; None for the whole file
    document_index: int | None = None  # index into Result.documents, when a document exists
