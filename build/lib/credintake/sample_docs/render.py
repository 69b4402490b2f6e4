"""Drawing and labelling primitives shared by every template.

Templates draw with top-left coordinates (like the contract's bboxes) through ``Doc`` and
record each labelled value through ``Rec`` at the moment they print it, so the label is
produced by the same line of code that puts the text on the page and cannot drift.
"""

from __future__ import annotations

import io
import random
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MON3 = tuple(m[:3] for m in MONTHS)
MON_DOT = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
        "nine": "ninth", "twelve": "twelfth"}


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("-" + _ONES[o] if o else "")


def ordinal_words(n: int) -> str:
    """21 -> 'twenty-first' (for diploma dates)."""
    w = _words(n)
    head, _, last = w.rpartition("-")
    if last in _ORD:
        last = _ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def year_words(y: int) -> str:
    """2012 -> 'two thousand twelve'; 1998 -> 'nineteen hundred ninety-eight'."""
    if 2000 <= y < 2100:
        rest = y - 2000
        return "two thousand" + (" " + _words(rest) if rest else "")
    hi, lo = divmod(y, 100)
    return _words(hi) + " hundred" + (" " + _words(lo) if lo else "")


def _suffix(d: int) -> str:
    if 11 <= d % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


#: style -> precision ('d', 'm', 'y'); see ``fmt_date``.
DATE_STYLES: dict[str, str] = {
    "mdy": "d", "mdy_dash": "d", "long": "d", "abbr": "d", "dmy_upper": "d", "dmy_long": "d", "iso": "d",
    "ordinal": "d", "words": "d", "mdy_short": "d",
    "my": "m", "my_long": "m", "my_abbr": "m", "my_dot": "m", "my_dash": "m",
    "y": "y",
}
DAY_STYLES = tuple(k for k, v in DATE_STYLES.items() if v == "d" and k not in ("words", "mdy_short"))
MONTH_STYLES = tuple(k for k, v in DATE_STYLES.items() if v == "m")


def fmt_date(d: date, style: str) -> tuple[str, str]:
    """Return (printed text, ISO value at the printed precision)."""
    m, y, dd = d.month, d.year, d.day
    printed = {
        "mdy": lambda: f"{m:02d}/{dd:02d}/{y}",
        "mdy_short": lambda: f"{m}/{dd}/{y}",
        "mdy_dash": lambda: f"{m:02d}-{dd:02d}-{y}",
        "long": lambda: f"{MONTHS[m - 1]} {dd}, {y}",
        "abbr": lambda: f"{MON3[m - 1]} {dd}, {y}",
        "dmy_upper": lambda: f"{dd:02d} {MON3[m - 1].upper()} {y}",
        "dmy_long": lambda: f"{dd} {MONTHS[m - 1]} {y}",
        "iso": lambda: d.isoformat(),
        "ordinal": lambda: f"{MONTHS[m - 1]} {dd}{_suffix(dd)}, {y}",
        "words": lambda: f"this {ordinal_words(dd)} day of {MONTHS[m - 1]}, {year_words(y)}",
        "my": lambda: f"{m:02d}/{y}",
        "my_long": lambda: f"{MONTHS[m - 1]} {y}",
        "my_abbr": lambda: f"{MON3[m - 1]} {y}",
        "my_dot": lambda: f"{MON_DOT[m - 1]} {y}",
        "my_dash": lambda: f"{m:02d}-{y}",
        "y": lambda: str(y),
    }[style]()
    prec = DATE_STYLES[style]
    iso = d.isoformat() if prec == "d" else (f"{y:04d}-{m:02d}" if prec == "m" else f"{y:04d}")
    return printed, iso


def money(n: int, style: str = "comma") -> str:
    """1000000 -> '$1,000,000' / '1,000,000' / '$1M'."""
    if style == "plain":
        return f"{n:,}"
    if style == "short":
        return f"${n / 1_000_000:g}M" if n >= 1_000_000 else f"${n // 1000}K"
    return f"${n:,}"


class Rec:
    """Collects the label of one document while the template draws it."""

    def __init__(self) -> None:
        self.item = 0  # which license / training / card of the persona this document shows
        self.fields: dict[str, Any] = {}
        self.raw: dict[str, str] = {}
        self.boxes: dict[str, dict[str, Any]] = {}  # name -> {"page", "bbox"} where printed on one line
        self.entries: dict[str, list[dict[str, Any]]] | None = None
        self.entries_raw: dict[str, list[dict[str, str]]] | None = None

    def put(self, name: str, value: Any, printed: str | None = None) -> str:
        """Record ``name`` = ``value`` and return the text to print for it."""
        text = str(value) if printed is None else printed
        self.fields[name] = value
        self.raw[name] = text
        return text

    def date(self, name: str, d: date, style: str) -> str:
        text, iso = fmt_date(d, style)
        return self.put(name, iso, text)

    def ident(self, name: str, printed: str) -> str:
        """Identifiers are labelled as printed without spaces."""
        return self.put(name, printed.replace(" ", ""), printed)

    def entry(self, section: str, values: dict[str, Any], raw: dict[str, str]) -> None:
        if self.entries is None:
            self.entries, self.entries_raw = {"education": [], "work_history": []}, {"education": [], "work_history": []}
        assert self.entries_raw is not None
        self.entries[section].append(values)
        self.entries_raw[section].append(raw)


FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "helv": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}


class Doc:
    """A reportlab canvas with top-left coordinates; several documents may share one."""

    def __init__(self, pagesize: tuple[float, float] = letter) -> None:
        self._buf = io.BytesIO()
        self.c = canvas.Canvas(self._buf, pagesize=pagesize, invariant=1)
        self.W, self.H = pagesize
        self.page = 1
        self._dirty = False
        self.fam = FAMILIES["helv"]
        self.dx = self.dy = 0.0  # whole-document shift, so positions are not a template fingerprint
        self.rec: Rec | None = None  # while set, text() records where each labelled value lands

    def jitter(self, rng: random.Random, most: float = 14.0) -> None:
        self.dx, self.dy = rng.uniform(-most, most), rng.uniform(-most, most)

    # fonts -------------------------------------------------------------------
    def family(self, name: str) -> None:
        self.fam = FAMILIES[name]

    def f(self, style: str = "r") -> str:
        """Font name of the current family: r, b, i, bi."""
        return self.fam[{"r": 0, "b": 1, "i": 2, "bi": 3}[style]]

    # drawing ----------------------------------------------------------------
    def text(self, x: float, y: float, s: str, font: str | None = None, size: float = 10,
             align: str = "l", gray: float = 0.0) -> float:
        """Draw one line with its baseline at ``y`` points from the top; return its width."""
        self._dirty = True
        font = font or self.fam[0]
        c = self.c
        c.setFont(font, size)
        c.setFillGray(gray)
        w = stringWidth(s, font, size)
        x += self.dx
        yy = self.H - y - self.dy
        left = x - w / 2 if align == "c" else (x - w if align == "r" else x)
        c.drawString(left, yy, s)
        if self.rec is not None:
            self._locate(s, left, y + self.dy, font, size)
        if gray:
            c.setFillGray(0)
        return w

    def _locate(self, s: str, left: float, baseline: float, font: str, size: float) -> None:
        """Box (top-left origin, points) of every labelled value first printed whole in ``s``."""
        rec = self.rec
        assert rec is not None
        for name, raw in rec.raw.items():
            if name in rec.boxes or not raw or raw not in s:
                continue
            x0 = left + stringWidth(s[: s.index(raw)], font, size)
            x1 = x0 + stringWidth(raw, font, size)
            rec.boxes[name] = {"page": self.page, "bbox": [round(x0, 2), round(baseline - size * 0.9, 2),
                                                            round(x1, 2), round(baseline + size * 0.25, 2)]}

    def width(self, s: str, font: str | None = None, size: float = 10) -> float:
        return stringWidth(s, font or self.fam[0], size)

    def wrap_lines(self, s: str, width: float, font: str, size: float) -> list[str]:
        lines: list[str] = []
        for para in s.split("\n"):
            cur = ""
            for word in para.split(" "):
                cand = f"{cur} {word}" if cur else word
                if cur and stringWidth(cand, font, size) > width:
                    lines.append(cur)
                    cur = word
                else:
                    cur = cand
            lines.append(cur)
        return lines

    def wrap(self, x: float, y: float, width: float, s: str, font: str | None = None, size: float = 10,
             leading: float | None = None, align: str = "l") -> float:
        """Word-wrap ``s`` into ``width``; returns the baseline after the last line."""
        font = font or self.fam[0]
        leading = leading or size * 1.3
        for line in self.wrap_lines(s, width, font, size):
            if align == "c":
                self.text(x + width / 2, y, line, font, size, "c")
            elif align == "r":
                self.text(x + width, y, line, font, size, "r")
            else:
                self.text(x, y, line, font, size)
            y += leading
        return y

    def line(self, x0: float, y0: float, x1: float, y1: float, w: float = 0.6, gray: float = 0.0) -> None:
        self._dirty = True
        self.c.setLineWidth(w)
        self.c.setStrokeGray(gray)
        self.c.line(x0 + self.dx, self.H - y0 - self.dy, x1 + self.dx, self.H - y1 - self.dy)
        self.c.setStrokeGray(0)

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None,
             stroke: bool = True, radius: float = 0) -> None:
        """Rectangle with top-left corner (x, y)."""
        self._dirty = True
        c = self.c
        c.setLineWidth(lw)
        if fill is not None:
            c.setFillGray(fill)
        x, y = x + self.dx, y + self.dy
        if radius:
            c.roundRect(x, self.H - y - h, w, h, radius, stroke=int(stroke), fill=int(fill is not None))
        else:
            c.rect(x, self.H - y - h, w, h, stroke=int(stroke), fill=int(fill is not None))
        c.setFillGray(0)

    def circle(self, cx: float, cy: float, r: float, lw: float = 0.8) -> None:
        self._dirty = True
        self.c.setLineWidth(lw)
        self.c.circle(cx + self.dx, self.H - cy - self.dy, r, stroke=1, fill=0)

    def seal(self, cx: float, cy: float, r: float, lines: list[str], font: str = "Times-Bold") -> None:
        """A drawn seal: two rings with small text inside (distractor text, like real seals)."""
        self.circle(cx, cy, r, 1.2)
        self.circle(cx, cy, r * 0.82, 0.5)
        n = len(lines)
        size = max(5.0, r / 6)
        top = cy - (n - 1) * size * 0.6
        for i, s in enumerate(lines):
            while self.width(s, font, size) > r * 1.5 and size > 4:
                size -= 0.5
            self.text(cx, top + i * size * 1.2, s, font, size, "c")

    def signature(self, x: float, y: float, w: float, name: str, title: str, size: float = 8,
                  font: str | None = None) -> None:
        """A signature line with somebody's printed name and title under it."""
        self.line(x, y, x + w, y, 0.5)
        self.text(x, y + size + 2, name, font or self.fam[0], size)
        self.text(x, y + 2 * size + 4, title, font or self.fam[2], size - 0.5)

    def labeled(self, x: float, y: float, label: str, value: str, *, mode: str = "beside",
                lfont: str | None = None, vfont: str | None = None, size: float = 10,
                lsize: float | None = None, gap: float = 6, label_w: float | None = None) -> float:
        """Label/value pair: ``beside`` (value after the label or at ``label_w``), or ``below``/``above``."""
        lfont = lfont or self.fam[1]
        vfont = vfont or self.fam[0]
        lsize = lsize or size
        if mode == "beside":
            lw = self.text(x, y, label, lfont, lsize)
            vx = x + (label_w if label_w is not None else lw + gap)
            self.text(vx, y, value, vfont, size)
            return y + size * 1.6
        if mode == "below":  # value on top, small label under it (like forms)
            self.text(x, y, value, vfont, size)
            self.text(x, y + lsize + 2, label, lfont, lsize)
            return y + size + lsize + 10
        self.text(x, y, label, lfont, lsize)  # label above value
        self.text(x, y + size + 3, value, vfont, size)
        return y + size + lsize + 12

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self._dirty = False

    def landscape(self) -> None:
        """Turn the current (still blank) page to landscape letter."""
        self.W, self.H = letter[1], letter[0]
        self.c.setPageSize((self.W, self.H))

    def start(self) -> int:
        """Begin a new document on a fresh portrait page; returns its first page number."""
        if self._dirty:
            self.new_page()
        if (self.W, self.H) != letter:
            self.W, self.H = letter
            self.c.setPageSize(letter)
        self.dx = self.dy = 0.0
        return self.page

    def finish(self) -> bytes:
        self.c.showPage() if self._dirty else None
        self.c.save()
        return self._buf.getvalue()


def pick(rng: random.Random, seq: Any) -> Any:
    return seq[rng.randrange(len(seq))]
