"""The calendar's dated items as an iCalendar feed (all-day events, one per due date or
expiry, stable UIDs so a calendar client updates rather than duplicates) and as CSV
(through the export's spreadsheet-safe writer: names come from outside)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from icalendar import Calendar, Event

from credintake.spreadsheet import SafeWriter
from credintake.api.store.models import utcnow

CSV_COLUMNS = ["date", "days", "window", "kind", "label", "provider_id", "provider",
               "packet_id"]
KIND_LABELS = {"recredentialing": "Recredentialing due", "licenses": "Licence expires",
               "dea": "DEA registration expires",
               "board_certifications": "Board certificate expires",
               "malpractice_insurance": "Malpractice policy expires",
               "life_support": "Life-support card expires"}


def ical(items: list[dict[str, Any]], organization: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//credintake//coordinator desk//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Credentialing calendar: {organization}")
    stamp = utcnow()
    for i in items:
        ev = Event()
        ev.add("uid", f"{i['kind']}-{i['provider_id']}-{i['packet_id']}@credintake")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", i["date"])
        ev.add("dtend", i["date"] + timedelta(days=1))
        what = KIND_LABELS.get(i["kind"], i["kind"])
        ev.add("summary", f"{what}: {i['provider']}" + (f" ({i['label']})"
                                                        if i["kind"] != "recredentialing"
                                                        and i["label"] else ""))
        ev.add("categories", [i["kind"]])
        cal.add_component(ev)
    return cal.to_ical()


def csv_text(items: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(CSV_COLUMNS)
    for i in items:
        w.writerow([i["date"].isoformat(), i["days"], i["window"], i["kind"], i["label"],
                    i["provider_id"], i["provider"], i["packet_id"]])
    return buf.getvalue()
