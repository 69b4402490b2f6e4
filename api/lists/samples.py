"""List files in the published layouts, written from code (tests and bench/lists_import.py).

The headers are the real ones (LEIE's 18 columns; SAM.gov's exclusions extract; the NPPES
dissemination file's 330 columns, of which the importer keeps about fifty), so the
importer is exercised on the shape it meets in production.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

LEIE_HEADER = ["LASTNAME", "FIRSTNAME", "MIDNAME", "BUSNAME", "GENERAL", "SPECIALTY", "UPIN",
               "NPI", "DOB", "ADDRESS", "CITY", "STATE", "ZIP", "EXCLTYPE", "EXCLDATE",
               "REINDATE", "WAIVERDATE", "WVRSTATE"]

SAM_HEADER = ["Classification", "Name", "Prefix", "First", "Middle", "Last", "Suffix",
              "Address 1", "Address 2", "Address 3", "Address 4", "City", "State / Province",
              "Country", "Zip Code", "Unique Entity ID", "Exclusion Program",
              "Excluding Agency", "CT Code", "Exclusion Type", "Additional Comments",
              "Active Date", "Termination Date", "Record Status", "Cross-Reference",
              "SAM Number", "CAGE", "NPI", "Creation_Date"]


def _nppes_header() -> list[str]:
    head = ["NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
            "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
            "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
            "Provider Name Suffix Text", "Provider Credential Text",
            "Provider Other Organization Name", "Provider Other Organization Name Type Code",
            "Provider Other Last Name", "Provider Other First Name",
            "Provider Other Middle Name", "Provider Other Name Prefix Text",
            "Provider Other Name Suffix Text", "Provider Other Credential Text",
            "Provider Other Last Name Type Code",
            "Provider First Line Business Mailing Address",
            "Provider Second Line Business Mailing Address",
            "Provider Business Mailing Address City Name",
            "Provider Business Mailing Address State Name",
            "Provider Business Mailing Address Postal Code",
            "Provider Business Mailing Address Country Code (If outside U.S.)",
            "Provider Business Mailing Address Telephone Number",
            "Provider Business Mailing Address Fax Number",
            "Provider First Line Business Practice Location Address",
            "Provider Second Line Business Practice Location Address",
            "Provider Business Practice Location Address City Name",
            "Provider Business Practice Location Address State Name",
            "Provider Business Practice Location Address Postal Code",
            "Provider Business Practice Location Address Country Code (If outside U.S.)",
            "Provider Business Practice Location Address Telephone Number",
            "Provider Business Practice Location Address Fax Number",
            "Provider Enumeration Date", "Last Update Date", "NPI Deactivation Reason Code",
            "NPI Deactivation Date", "NPI Reactivation Date", "Provider Sex Code",
            "Authorized Official Last Name", "Authorized Official First Name",
            "Authorized Official Middle Name", "Authorized Official Title or Position",
            "Authorized Official Telephone Number"]
    for i in range(1, 16):
        head += [f"Healthcare Provider Taxonomy Code_{i}", f"Provider License Number_{i}",
                 f"Provider License Number State Code_{i}",
                 f"Healthcare Provider Primary Taxonomy Switch_{i}"]
    for i in range(1, 51):
        head += [f"Other Provider Identifier_{i}", f"Other Provider Identifier Type Code_{i}",
                 f"Other Provider Identifier State_{i}", f"Other Provider Identifier Issuer_{i}"]
    head += ["Is Sole Proprietor", "Is Organization Subpart", "Parent Organization LBN",
             "Parent Organization TIN", "Authorized Official Name Prefix Text",
             "Authorized Official Name Suffix Text", "Authorized Official Credential Text"]
    head += [f"Healthcare Provider Taxonomy Group_{i}" for i in range(1, 16)]
    head += ["Certification Date"]
    assert len(head) == 330, len(head)
    return head


NPPES_HEADER = _nppes_header()


def write_csv(path: Path, header: list[str], rows: Iterable[Mapping[str, str] | list[str]]
              ) -> Path:
    """Rows as dicts by column name (missing columns empty) or raw lists (bad rows)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, quoting=csv.QUOTE_ALL)
        out.writerow(header)
        for row in rows:
            out.writerow(row if isinstance(row, list) else [row.get(h, "") for h in header])
    return path
