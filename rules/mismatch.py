"""reconciliation.mismatch: the application and a document disagree on a value.

Raised from reconciliation records with status ``mismatch``. Name parts (provider first /
middle / last / suffix) are left to identity.name_mismatch, which knows about nicknames,
initials and former names, so one disagreement is never reported twice. Identifiers
(license, DEA, NPI, policy numbers) are errors; other values are warnings.

A document value read below ``min_confidence_to_flag`` is not held against the application:
it goes to extraction.low_confidence. Nor is a disagreement on a value that a reader
misreads far more often than an applicant mistypes and that no decision hangs on
(``READING_SUSPECT``: a CME certificate prints certificate, activity and page numbers around
its credits, so "25.0" for 1.5 credits is a reading to check, not the applicant's error), nor
an NPI or DEA number read one character off a typed number that passes its check digit while
the reading fails it, nor an e-mail address read as a part of the typed one cut at a separator
(a wrapped CV header), nor, on a scanned or faxed page, free text a letter or two off the
typed value or a date read at a coarser precision than typed (``_ocr_misread``).
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import DOC_LABELS, RuleContext, cite, where
from credintake.rules.dates import PRECISION_RANK, parse_date
from credintake.rules.identifiers import edit_distance, passes_check_digit
from credintake.rules.reconcile import Record
from credintake.rules.registry import get, register
from credintake.rules.values import schedule_set

NAME_FIELDS = {"provider.first_name", "provider.middle_name", "provider.last_name",
               "provider.suffix"}
READING_SUSPECT = {"cme.credits": "a number on the certificate that disagrees with the "
                                  "application (likelier misread than mistyped)"}
#: Numbers with a check digit: a document's reading that fails it, a character away from a
#: typed number that passes, is a misreading (a real registration's number is valid).
CHECKED = {"provider.npi": "npi", "dea.dea_number": "dea"}


@register("reconciliation.mismatch", severity="warning",
          reads=("fuzzy_match_threshold", "fuzzy_probable_threshold", "application_authority",
                 "min_confidence_to_flag"))
def reconciliation_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The application and a document disagree on a value (after normalisation)."""
    rule = get("reconciliation.mismatch")
    for record in ctx.records:
        item = record.item
        if item.status != "mismatch" or item.field in NAME_FIELDS:
            continue
        name = item.field.split(".", 1)[1]
        doc_index = next((ev.doc_index for ev in (record.entry.docs.get(name, [])
                                                   if record.entry else [])
                          if ev.source == item.source), None)
        if not ctx.trusts(field=item.field, value=item.document_value, source=item.source,
                          doc_type=record.doc_type, rule=rule.id,
                          agreed=ctx.agreed(record.entry, name, item.document_value, doc_index)):
            continue
        suspect = _reading_suspect(item.field, item.application_value, item.document_value) \
            or _ocr_misread(ctx, record)
        if suspect and item.source is not None and item.source.file:
            ctx.doubts.add(field=item.field, value=item.document_value, source=item.source,
                           doc_type=record.doc_type, reason=suspect, rule=rule.id)
            continue
        label = item.field.split(".", 1)[1].replace("_", " ")
        doc_label = DOC_LABELS.get(record.doc_type or "", "the document")
        typo = "typo" in record.note
        detail = ""
        if typo:
            what = "two characters swapped" if "swapped" in record.note else "one character differs"
            detail = f" ({what}: probably a typo)"
        yield rule.finding(
            field=item.field,
            severity="error" if record.kind == "id" else None,
            message=(f"Application {label} '{item.application_value}' differs from "
                     f"'{item.document_value}' on the {doc_label.lower()} ({cite(item.source)})"
                     f"{detail}: confirm the correct value with the provider or the primary "
                     f"source and correct the application."),
            evidence={"application_value": item.application_value,
                      "document_value": item.document_value, "score": item.score,
                      "probable_typo": typo, "note": record.note, "doc_type": record.doc_type,
                      **where(item.source)})


def _reading_suspect(field: str, typed: object, read: object) -> str | None:
    """Why a disagreement is likelier the reader's than the applicant's, or None."""
    if field in READING_SUSPECT:
        return READING_SUSPECT[field]
    if field == "provider.email" and _email_fragment(typed, read):
        return "read as part of the typed e-mail address (cut at a line break or a dot)"
    kind = CHECKED.get(field)
    if (kind and edit_distance(typed, read) == 1 and passes_check_digit(kind, typed)
            and not passes_check_digit(kind, read)):
        return "read one character off a valid number, failing its check digit"
    return None


def _ocr_misread(ctx: RuleContext, record: Record) -> str | None:
    """Why a disagreement read off an OCR'd page is likelier the scanner's than the
    applicant's, or None: free text within ``fuzzy_probable_threshold`` of the typed value
    ("Jackgon" for Jackson, "Gtoup" for Group: a letter or two garbled, or a neighbouring
    word glued on), DEA schedules that are a part of the typed ones, or a date read at a coarser precision than the typed one (the reader
    kept a part of a date: a month and year of a printed day). On a text layer both stay
    mismatches (nobody garbled the letters)."""
    item = record.item
    source = item.source
    if source is None or not source.file or not any(
            d.ocr and d.file == source.file and (source.page is None or source.page in d.pages)
            for d in ctx.documents):
        return None
    if record.kind.startswith("text") and (item.score or 0.0) >= ctx.settings.fuzzy_probable_threshold:
        return "close to the typed value on a scanned or faxed page (probably misread)"
    if record.kind == "schedules":
        typed_s, read_s = schedule_set(item.application_value), schedule_set(item.document_value)
        if read_s and read_s < typed_s:
            return "a part of the typed schedules on a scanned or faxed page (a line of the grid lost)"
    if record.kind == "date":
        typed, read = parse_date(item.application_value), parse_date(item.document_value)
        if typed and read and PRECISION_RANK[read.precision] < PRECISION_RANK[typed.precision]:
            return "a partial date on a scanned or faxed page (part of the printed date misread)"
    return None


def _email_fragment(typed: object, read: object) -> bool:
    """The reading is the typed address with its start or its end lost at a separator:
    "jacobs@x.org" for "teresa.jacobs@x.org" (a CV header wrapped the address, or OCR
    took the first half for another word), "teresa.jacobs@x" for "teresa.jacobs@x.org"."""
    a, b = str(typed or "").strip().casefold(), str(read or "").strip().casefold()
    if not a or not b or a == b or len(b) < 5 or b not in a:
        return False
    start = a.index(b)
    before = a[start - 1] if start else ""
    after = a[start + len(b)] if start + len(b) < len(a) else ""
    return (not before or before in "._-@") and (not after or after in "._-@")
