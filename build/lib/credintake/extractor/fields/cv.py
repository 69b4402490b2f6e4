"""Curriculum vitae: name, email, phone, npi; entries education and work_history.

The work lives in ``credintake.extractor.cv`` (rows, sections, entries, phrases); this
module only registers it for ``doc_type == "cv"``.
"""

from __future__ import annotations

from credintake.extractor.cv.pipeline import read_cv
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.layout import Page


@register("cv")
def extract_cv(pages: list[Page]) -> Extraction:
    fields, entries = read_cv(pages)
    return Extraction(fields=fields, entries=entries)
