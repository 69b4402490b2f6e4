"""List files in the published layouts, written from code (names and numbers invented)."""

from __future__ import annotations

import csv
from pathlib import Path

LEIE_HEADER = ["LASTNAME", "FIRSTNAME", "MIDNAME", "BUSNAME", "GENERAL", "SPECIALTY", "UPIN",
               "NPI", "DOB", "ADDRESS", "CITY", "STATE", "ZIP", "EXCLTYPE", "EXCLDATE",
               "REINDATE", "WAIVERDATE", "WVRSTATE"]

SAM_HEADER = ["Classification", "Name", "Prefix", "First", "Middle", "Last", "Suffix",
              "Address 1", "Address 2", "Address 3", "Address 4", "City", "State / Province",
              "Country", "Zip Code", "Open Data Flag", "Blank (Deprecated)", "Unique Entity ID",
              "Exclusion Program", "Excluding Agency", "CT Code", "Exclusion Type",
              "Additional Comments", "Active Date", "Termination Date", "Record Status",
              "Cross-Reference", "SAM Number", "CAGE", "NPI", "Creation_Date"]


def nppes_header() -> list[str]:
    head = ["NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
            "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
            "Provider First Name", "Provider Middle Name",
            "Provider Business Practice Location Address State Name",
            "NPI Deactivation Reason Code", "NPI Deactivation Date", "NPI Reactivation Date"]
    for i in range(1, 16):
        head += [f"Healthcare Provider Taxonomy Code_{i}", f"Provider License Number_{i}",
                 f"Provider License Number State Code_{i}",
                 f"Healthcare Provider Primary Taxonomy Switch_{i}"]
    return head


def leie_row(last: str, first: str, *, middle: str = "", npi: str = "0000000000",
             dob: str = "", excldate: str = "20200115", reindate: str = "00000000",
             state: str = "CA") -> list[str]:
    return [last, first, middle, "", "IND- LIC HC SERV PRO", "PHYSICIAN", "", npi, dob,
            "1 MAIN ST", "SPRINGFIELD", state, "90001", "1128b4", excldate, reindate,
            "00000000", ""]


def sam_row(last: str, first: str, *, npi: str = "", classification: str = "Individual",
            active: str = "03/01/2021", termination: str = "Indefinite") -> list[str]:
    row = dict.fromkeys(SAM_HEADER, "")
    row.update({"Classification": classification, "First": first, "Last": last,
                "Name": "" if classification == "Individual" else last,
                "State / Province": "TX", "Exclusion Program": "Reciprocal",
                "Excluding Agency": "HHS", "Exclusion Type": "Prohibition/Restriction",
                "Active Date": active, "Termination Date": termination,
                "Record Status": "Active", "NPI": npi, "Creation_Date": "03/01/2021"})
    return [row[h] for h in SAM_HEADER]


def nppes_row(npi: str, last: str, first: str, *, state: str = "CA", taxonomy: str = "207R00000X",
              deactivated: str = "", reactivated: str = "", entity: str = "1") -> list[str]:
    head = nppes_header()
    row = dict.fromkeys(head, "")
    row.update({"NPI": npi, "Entity Type Code": entity, "Provider Last Name (Legal Name)": last,
                "Provider First Name": first,
                "Provider Business Practice Location Address State Name": state,
                "NPI Deactivation Date": deactivated, "NPI Reactivation Date": reactivated,
                "Healthcare Provider Taxonomy Code_1": taxonomy,
                "Healthcare Provider Primary Taxonomy Switch_1": "Y",
                "Provider License Number_1": "A123456",
                "Provider License Number State Code_1": state})
    return [row[h] for h in head]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)
    return path
