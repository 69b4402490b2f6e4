"""The coverage grid of a liability certificate, read by its columns.

Family: ACORD 25 certificates of liability insurance (editions 2001/08 to 2016/03, 25-S)
and carriers' own certificates built on the same grid ("Co. Ltr." / "Type of Insurance" /
"Policy Number" / "Policy Effective" / "Policy Expiration" / "Limits"). The header row's
words give the columns by their x positions; the type-of-insurance labels cut the grid into
row bands, one per coverage line (general liability, auto, umbrella, workers comp, and the
free rows where professional liability or any other line is typed); a band's policy number,
dates and limits are its words in the matching column. Values sit anywhere in their band
(the 2010 edition centres them vertically in a tall row, the 2016 edition prints them on
the row's first line). OCR words have boxes too, so scans and faxes are read the same way.
Stacked free rows (several typed lines of one policy) each keep their own amount line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from rapidfuzz.distance import Levenshtein

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import Hit, norm, parse_words
from credintake.extractor.fields.values import date_value, ident_value, money_value
from credintake.extractor.layout import Page, Word

# header words (norm()ed, one to three words joined) -> column
_HEADER_KEYS = {
    "policynumber": "number", "policyno": "number", "policy#": "number", "policynum": "number",
    "policyeff": "eff", "policyeffective": "eff", "effective": "eff", "effdate": "eff",
    "policyexp": "exp", "policyexpiration": "exp", "expiration": "exp", "expdate": "exp",
    "policyexpiry": "exp", "limits": "limits", "policylimits": "limits", "limitsofliability": "limits",
    "typeofinsurance": "type", "typeofcoverage": "type", "insrltr": "ltr", "ltr": "ltr",
    "coltr": "ltr", "co": "ltr", "addl": "flags", "subr": "flags", "insd": "flags", "wvd": "flags",
    "insrd": "flags", "addlinsd": "flags", "subrwvd": "flags",
}
_FUZZY_KEYS = [k for k in _HEADER_KEYS if len(k) >= 9]

# kinds of coverage row, matched on the label's letters ("W orkers© Compensation" too)
KINDS = (
    ("professional", re.compile(r"professional|profl?liab|malpractice|e&o|errors(?:and|&)omissions?|"
                                r"medicalliab|physicians(?:and|&)surgeons")),
    ("general", re.compile(r"generalliab|commercialgeneral|^cgl|businessliab|premisesliab")),
    ("auto", re.compile(r"auto(?:mobile)?liab|garageliab|businessauto")),
    ("umbrella", re.compile(r"umbrella|excessliab")),
    ("workers", re.compile(r"workers.?comp|employers.?liab")),
)
KIND_NAMES = {"professional": "professional liability", "general": "general liability",
              "auto": "automobile liability", "umbrella": "umbrella / excess liability",
              "workers": "workers compensation", "other": "another line of coverage"}

# the printed options inside the standard rows of the ACORD 25 and carrier grids
# (claims-made / occur boxes, aggregate-applies-per, auto kinds, WC questions): never a row
_SUB_LABEL_WORDS = frozenset(
    "claims made claimsmade occur occurrence version genl gen aggregate limit applies per policy pro "
    "ject proj project loc other any auto autos all owned scheduled hired nonowned non only ded "
    "deductible retention proprietor partner executive proprietorpartnerexecutive officer member "
    "officermember excluded mandatory in nh if yes describe under description of operations below "
    "special provisions and y n a na yn".split())

_PER_CLAIM_CAPTIONS = ("eachoccurrence", "eachclaim", "perclaim", "peroccurrence", "eachincident",
                       "perincident", "eachmedicalincident", "eachwrongfulact", "occurrence", "claim")
_AGGREGATE_CAPTIONS = ("generalaggregate", "aggregate", "annualaggregate", "policyaggregate",
                       "annualagg", "agg")


@dataclass
class Grid:
    page: Page
    cols: dict[str, tuple[float, float]]  # header spans by column
    top: float
    bottom: float

    def boundary(self, left: str, right: str) -> float:
        return (self.cols[left][1] + self.cols[right][0]) / 2


@dataclass
class Row:
    """One coverage line of the grid and the values read in its band."""

    kind: str
    letter: str | None = None
    policy: Hit | None = None
    effective: Hit | None = None
    expiration: Hit | None = None
    per_claim: Hit | None = None
    aggregate: Hit | None = None

    @property
    def filled(self) -> bool:
        return any((self.policy, self.effective, self.expiration, self.per_claim, self.aggregate))


def _compact(text: str) -> str:
    return re.sub(r"[^a-z&/]", "", text.lower())


def _center(w: Word) -> tuple[float, float]:
    return (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2


def _header_key(text: str) -> str | None:
    if text in _HEADER_KEYS:
        return _HEADER_KEYS[text]
    for key in _FUZZY_KEYS:
        if Levenshtein.distance(text, key, score_cutoff=1) <= 1:
            return _HEADER_KEYS[key]
    return None


def _header_hits(page: Page) -> list[tuple[str, Word, Word]]:
    """(column, first word, last word) of every header phrase on the page, longest first;
    only lines made mostly of header words count (the fine print above the grid also says
    "LIMITS SHOWN MAY HAVE BEEN REDUCED")."""
    hits = []
    for line in visual_lines(page):
        words, i, found, covered = line, 0, [], 0
        while i < len(words):
            for n in (3, 2, 1):
                if i + n <= len(words):
                    col = _header_key("".join(norm(w.text) for w in words[i:i + n]))
                    if col:
                        found.append((col, words[i], words[i + n - 1]))
                        covered += n
                        i += n
                        break
            else:
                i += 1
        if found and covered * 2 >= len(words):
            hits += found
    return hits


def find_grid(pages: list[Page], *, form: bool = False) -> Grid | None:
    """The first page's coverage grid: a POLICY NUMBER header with both date headers, or
    one of them and the type or limits header, level with it (within two header lines).
    On a page known to be a certificate form (``form``), two of POLICY NUMBER, POLICY EFF
    and POLICY EXP are enough: a fax's OCR loses headers ("POLICY err", "uMITs", "INSR
    LTRYPE")."""
    for page in pages:
        hits = _header_hits(page)
        for col, first, _ in hits:
            if col != "number" and not (form and col in ("eff", "exp")):
                continue
            cy = _center(first)[1]
            near = [h for h in hits if abs(_center(h[1])[1] - cy) <= 16]
            cols: dict[str, tuple[float, float]] = {}
            for c, a, b in sorted(near, key=lambda h: h[1].x0):
                x0, x1 = cols.get(c, (a.x0, b.x1))
                cols[c] = (min(x0, a.x0), max(x1, b.x1))
            dated = ("eff" in cols) + ("exp" in cols)
            if "number" in cols and (dated == 2 or (dated and (form or "type" in cols or "limits" in cols))) \
                    or (form and dated == 2):
                top = max(_center(h[1])[1] for h in near) + 2
                return Grid(page, _policy_column(_both_dates(cols)), top, _grid_bottom(page, top))
    return None


def _policy_column(cols: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """A POLICY NUMBER header OCR lost, placed left of the dates as the form draws it."""
    if "number" not in cols:
        x0, x1 = cols["eff"]
        cols["number"] = (x0 - 3.0 * (x1 - x0), x0 - 1.4 * (x1 - x0))
    return cols


def _both_dates(cols: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """A date header OCR lost, placed beside the other (the two columns are twins)."""
    if "eff" not in cols:
        x0, x1 = cols["exp"]
        cols["eff"] = (x0 - 1.5 * (x1 - x0), x0 - 0.5 * (x1 - x0))
    elif "exp" not in cols:
        x0, x1 = cols["eff"]
        cols["exp"] = (x1 + 0.5 * (x1 - x0), x1 + 1.5 * (x1 - x0))
    return cols


def _grid_bottom(page: Page, top: float) -> float:
    """Where the description box or the certificate holder starts (the WC row's own
    "DESCRIPTION OF OPERATIONS below" is not that box)."""
    for line in visual_lines(page):
        text = _compact(" ".join(w.text for w in line))
        line_top = min(w.top for w in line)
        if line_top <= top:
            continue
        if (text.startswith("descriptionofoperations") and not text.endswith("below")) \
                or text.startswith("certificateholder") or text.startswith("specialprovisions/"):
            return line_top
    return page.height


# --- the columns --------------------------------------------------------------------------

def _zones(grid: Grid) -> dict[str, tuple[float, float]]:
    """x ranges (by word centre) of the left zone (letter + type + flags), the policy
    number, the dates; the limits zone is by left edge (captions start right of the dates)."""
    cols = grid.cols
    order = sorted(cols, key=lambda c: cols[c][0])
    i = order.index("number")
    # the policy column starts where the ADDL/SUBR flags end (their captions fill their narrow
    # columns), else half-way from the type-of-insurance header
    if i and order[i - 1] == "flags":
        left_end = cols["flags"][1] + 2
    else:
        left_end = grid.boundary(order[i - 1], "number") if i else cols["number"][0] - 10
    dates = [cols[c] for c in ("eff", "exp") if c in cols]
    date_lo, date_hi = dates[0][0], dates[-1][1]
    limits_from = date_hi + 2
    zones = {"left": (-1e9, left_end), "number": (left_end, date_lo - 2),
             "dates": (date_lo - 25, date_hi + 25), "limits": (limits_from, 1e9)}
    if "ltr" in cols:
        nxt = order[order.index("ltr") + 1] if order.index("ltr") + 1 < len(order) else "number"
        zones["ltr"] = (cols["ltr"][0] - 8, min(cols["ltr"][1] + 6, grid.boundary("ltr", nxt)))
    return zones


def _in(zone: tuple[float, float], x: float) -> bool:
    return zone[0] <= x < zone[1]


def _is_date(w: Word) -> bool:
    return bool(find_dates(w.text, years=False))


def _id_like(w: Word) -> bool:
    """A word of a policy number: digits in it, neither a date nor money ("PPA Max $5M")."""
    return bool(re.search(r"\d", w.text)) and "$" not in w.text and not _is_date(w)


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines by their vertical centres."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: _center(w)[1]):
        if out and abs(_center(w)[1] - _center(out[-1][0])[1]) <= 0.45 * max(out[-1][0].height, w.height, 4.0):
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in out]


def visual_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows by their coordinates alone, each row left to right: a form's
    boxes read the same whatever order the text layer emits its words in (some agency
    systems write certificates bottom-up, or with a flipped text matrix whose word boxes
    come out upside down) and however the page's lines were segmented."""
    return _lines([upright(w) for w in words])


def visual_lines(page: Page) -> list[list[Word]]:
    """The page's visual rows cut where the gap between words is much wider than a space."""
    out: list[list[Word]] = []
    for row in visual_rows(page.words):
        out.append([row[0]])
        for prev, w in zip(row, row[1:]):
            if w.x0 - prev.x1 > 1.6 * max(w.height, 4.0):
                out.append([w])
            else:
                out[-1].append(w)
    return out


def upright(w: Word) -> Word:
    """A word whose box has top and bottom swapped (a flipped text matrix), set right."""
    if w.top <= w.bottom:
        return w
    return Word(w.text, w.x0, w.bottom, w.x1, w.top, w.conf)


def _kind(text: str) -> str | None:
    compact = _compact(text)
    for name, pattern in KINDS:
        if pattern.search(compact):
            return name
    return None


def _sub_label(words: list[Word]) -> bool:
    tokens = [norm(w.text) for w in words]
    return all(t in _SUB_LABEL_WORDS or len(t) <= 1 for t in tokens)


# --- the rows ----------------------------------------------------------------------------

@dataclass
class _Start:
    kind: str
    top: float
    height: float
    last_bottom: float
    free: bool = False  # a typed free row (professional or any other line), not a printed one
    paid: bool = False  # an amount of its own is level with one of its label lines
    shares: bool = False  # no policy or dates of its own: those typed once on the row above


_STANDARD_KINDS = frozenset(("general", "auto", "umbrella", "workers"))


def read_rows(grid: Grid) -> list[Row]:
    """The grid's coverage rows, top to bottom, each with its band's values."""
    zones = _zones(grid)
    words = [upright(w) for w in grid.page.words if grid.top < _center(w)[1] < grid.bottom]
    left = [w for w in words if _in(zones["left"], _center(w)[0])]
    if "ltr" not in zones and left:
        # no INSR LTR header read ("INSR LTRTYPE OF INSURANCE"): the letter leads the row
        zones["ltr"] = (-1e9, min(w.x0 for w in left) + 10)
    data = [w for w in words if (_in(zones["number"], _center(w)[0]) and _id_like(w))
            or (_in(zones["dates"], _center(w)[0]) and _is_date(w))]
    limits = [w for w in words if w.x0 >= zones["limits"][0] and not _is_date(w)]
    starts = _row_starts(_lines(left), data, zones, limits)
    rows: list[Row] = []
    for i, start in enumerate(starts):
        top = grid.top if i == 0 else start.top - 0.4 * start.height
        bottom = starts[i + 1].top - 0.4 * starts[i + 1].height if i + 1 < len(starts) else grid.bottom
        band = [w for w in words if top <= _center(w)[1] < bottom]
        rows.append(_read_band(grid, zones, start.kind, band))
    _pair_free_limits(grid, starts, rows, limits)
    for i, start in enumerate(starts):
        if start.shares and i:
            _share(rows[i - 1], rows[i])
    return rows


def _pair_free_limits(grid: Grid, starts: list[_Start], rows: list[Row], limits: list[Word]) -> None:
    """Stacked free rows at the bottom of the grid, one amount line each: the k-th amount
    line is the k-th row's limit, whatever its offset from the label (agency systems that
    top-align the limits cell while the labels are centred print it up to a line off).
    Only when the counts agree: a row with EACH CLAIM and AGGREGATE lines keeps its band."""
    k = len(starts)
    while k and starts[k - 1].free:
        k -= 1
    if len(starts) - k < 2:
        return
    first = starts[k]
    region = [w for w in limits if _center(w)[1] >= first.top - first.height]
    amount_lines = _lines([w for w in region if _MONEY_TOKEN.fullmatch(w.text)
                           and any(c.isdigit() for c in w.text)])
    if len(amount_lines) != len(starts) - k:
        return
    for row, line in zip(rows[k:], amount_lines):
        cy, h = _center(line[0])[1], max(line[0].height, 4.0)
        row.per_claim, row.aggregate = _limits(grid.page, [w for w in region if abs(_center(w)[1] - cy) <= 0.45 * h])


def _share(above: Row, row: Row) -> None:
    """A free row typed under another of the same policy takes the letter, the policy
    number and the dates printed once on the first line of the block."""
    row.letter = row.letter or above.letter
    row.policy = row.policy or above.policy
    if row.effective is None and row.expiration is None:
        row.effective, row.expiration = above.effective, above.expiration


def _letter(words: list[Word], zones: dict[str, tuple[float, float]]) -> Word | None:
    if "ltr" not in zones:
        return None
    return next((w for w in words
                 if re.fullmatch(r"[A-F][:.]?", w.text) and _in(zones["ltr"], _center(w)[0])), None)


def _row_starts(lines: list[list[Word]], data: list[Word], zones: dict[str, tuple[float, float]],
                limits: list[Word]) -> list[_Start]:
    """Rows start at a standard coverage label, or at a typed label carrying its own letter
    or values (the free rows under the standard ones); a label line without values right
    under the previous label continues it ("PET TRANSPORTATION / GENERAL LIABILITY").

    In the free rows, a label line level with an amount of its own starts a row too when
    the row above already has its amount (agencies type several lines of one policy under
    each other, "Cargo  Limit 250,000" / "E&O  Limit 100,000", the policy typed once),
    unless that amount is captioned as the row's aggregate (a two-line label beside
    EACH CLAIM / AGGREGATE)."""
    money = [w for w in limits if _MONEY_TOKEN.fullmatch(w.text) and any(c.isdigit() for c in w.text)]
    captions = [w for w in limits if not _MONEY_TOKEN.fullmatch(w.text)]
    starts: list[_Start] = []
    line_above = -1e9
    for line in lines:
        label = [w for w in line if len(norm(w.text)) > 1]
        if not label:
            continue
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        h = median(w.height for w in line)

        def level(w: Word) -> bool:
            return top - 0.3 * h <= _center(w)[1] <= bottom + 0.3 * h

        valued = any(level(d) for d in data)
        own = _letter(line, zones) is not None or valued
        paid = any(level(m) for m in money)
        kind = _kind(" ".join(w.text for w in label))
        prev = starts[-1] if starts else None
        if prev and not own and paid and prev.free and prev.paid and not _sub_label(label) \
                and not _aggregate_caption([w for w in captions if level(w)]):
            own = True
        # a free row under another with neither policy number nor dates of its own is of the same policy
        shares = bool(prev and prev.free and own and not valued and kind not in _STANDARD_KINDS)
        option = _typed_option(prev, label, top - line_above, h) if prev else False
        line_above = bottom
        if prev and not own and (kind == prev.kind or _continues(prev, kind, label, top, h) or option):
            prev.last_bottom = bottom
            prev.paid = prev.paid or paid
            if prev.kind == "other" and kind:
                prev.kind = kind
        elif kind or (own and not _sub_label(label)):
            starts.append(_Start(kind or "other", top, h, bottom, free=kind not in _STANDARD_KINDS,
                                 paid=paid, shares=shares))
    return starts


def _typed_option(prev: _Start, label: list[Word], gap: float, h: float) -> bool:
    """A line typed after the general-liability row's printed "OTHER:" option (2013 and 2016
    editions: "GEN'L AGGREGATE LIMIT APPLIES PER: POLICY PRO-JECT LOC OTHER:"), where agencies
    name the line the row really is ("OTHER: MEDICAL MALPRACTICE"): part of that row."""
    return (prev.kind == "general" and norm(label[0].text) == "other" and label[0].text.endswith(":")
            and gap < 1.5 * h)


def _aggregate_caption(words: list[Word]) -> bool:
    return bool(re.search(r"aggregate|agg$", _compact(" ".join(w.text for w in words))))


def _continues(prev: _Start, kind: str | None, label: list[Word], top: float, h: float) -> bool:
    """A label's second line: right under the previous label, not a printed option, and
    not another standard kind (a typed free row's kind may come on its second line)."""
    return (top - prev.last_bottom < 0.8 * h and not _sub_label(label)
            and (kind is None or prev.kind == "other"))


def _read_band(grid: Grid, zones: dict[str, tuple[float, float]], kind: str, band: list[Word]) -> Row:
    page = grid.page
    left_text = " ".join(w.text for w in band if _in(zones["left"], _center(w)[0]))
    if _kind(left_text) == "professional":
        kind = "professional"  # typed on a sub-line of a standard row
    letter = _letter(sorted(band, key=lambda w: (_center(w)[1], w.x0)), zones)
    row = Row(kind, letter.text[0] if letter else None)
    cells = [w for w in band if _in(zones["number"], _center(w)[0]) and "$" not in w.text and not _is_date(w)]
    for line in _lines(cells):
        if any(_id_like(w) for w in line):
            row.policy = _policy_cell(page, line)
            if row.policy:
                break
    dated = sorted((w for w in band if _in(zones["dates"], _center(w)[0]) and _is_date(w)),
                   key=lambda w: (_center(w)[1], w.x0))
    row.effective, row.expiration = _dates(grid, dated)
    row.per_claim, row.aggregate = _limits(page, [w for w in band if w.x0 >= zones["limits"][0]
                                                  and not _is_date(w)])
    return row


# a word of a policy number: digits in it, or a short capital prefix ("MTP", "SBU")
_POLICY_PART = re.compile(r"[A-Za-z0-9\-./]*\d[A-Za-z0-9\-./]*|[A-Z]{1,5}-?")
_POLICY_LEAD = frozenset(("no", "number", "policy", "policyno", "policy#", "#", "pol"))


def _policy_cell(page: Page, line: list[Word]) -> Hit | None:
    """The policy number as the whole cell: its tokens joined, because agencies print
    numbers with inner spaces ("76 SBU BB6SW5", "MTP 0040072 07") and the contract keeps
    identifiers without them; the words are already cut at the cell's column edges."""
    words = list(line)
    while words and norm(words[0].text) in _POLICY_LEAD:
        words = words[1:]
    # up to the first word that is not part of a number ("(Claims Made)", "Retro Date")
    words = words[:next((k for k, w in enumerate(words) if not _POLICY_PART.fullmatch(w.text.strip(":;,"))),
                        len(words))]
    value = "".join(w.text.strip(":;,") for w in words).strip(".-")
    if len(value) < 3 or not any(c.isdigit() for c in value) or len(value) > 30:
        return parse_words(line, page, ident_value, 0.9)
    return Hit(value, page, words, " ".join(w.text for w in words), 0.9)


def _dates(grid: Grid, dated: list[Word]) -> tuple[Hit | None, Hit | None]:
    """Two dates on one line are effective then expiration; a lone date goes to the
    nearer of the two headers."""
    cols = grid.cols
    pairs = [line for line in _lines(dated) if len(line) >= 2]
    if pairs:
        eff, exp = pairs[0][:1], pairs[0][1:2]
    elif "eff" in cols and "exp" in cols:
        eff_x, exp_x = (sum(cols["eff"]) / 2), (sum(cols["exp"]) / 2)
        eff = [w for w in dated if abs(_center(w)[0] - eff_x) < abs(_center(w)[0] - exp_x)]
        exp = [w for w in dated if w not in eff]
    else:
        eff, exp = dated[:1], dated[1:2]
    return (parse_words(eff[:1], grid.page, date_value, 0.9),
            parse_words(exp[:1], grid.page, date_value, 0.9))


# --- the limits -------------------------------------------------------------------------------

_DEDUCTIBLE = re.compile(r"^ded|deduct|retention|^sir$|selfinsured")
_MONEY_TOKEN = re.compile(r"\$?[\d,.]+[KkMm]?(?:/\$?[\d,.]+[KkMm]?)?|\$")


def _amounts(words: list[Word]) -> list[list[Word]]:
    """Money printed as words, runs of adjacent money tokens joined ("$ 5 0 0 , 0 0 0")."""
    runs: list[list[Word]] = []
    for line in _lines([w for w in words if _MONEY_TOKEN.fullmatch(w.text)]):
        for w in line:
            if runs and runs[-1][-1] in line and w.x0 - runs[-1][-1].x1 < 1.2 * max(w.height, 4.0):
                runs[-1].append(w)
            else:
                runs.append([w])
    return [r for r in runs if any(c.isdigit() for w in r for c in w.text)]


def _money_hit(page: Page, run: list[Word]) -> Hit | None:
    text = re.sub(r"(?<=[\d,$.])\s+(?=[\d,.])", "", " ".join(w.text for w in run))
    got = money_value(text)
    if got is None:
        return None
    return Hit(got[0], page, run, text.strip(), 0.9)


def _caption(captions: list[list[Word]], runs: list[list[Word]], run: list[Word]) -> str:
    """The caption line level with an amount, after the caption line above it when that one
    has no amount of its own (two-line captions: "DAMAGE TO RENTED / PREMISES")."""
    cy, h = _center(run[0])[1], max(run[0].height, 4.0)
    # an amount printed before this one on its line ends the caption ("DED: $2,500  100,000")
    after = max((r[-1].x1 for r in runs if r[-1].x1 <= run[0].x0 and abs(_center(r[0])[1] - cy) <= 0.45 * h),
                default=-1e9)
    captions = [kept for c in captions if (kept := [w for w in c if w.x0 >= after])]
    left = sorted((c for c in captions if c[-1].x1 <= run[0].x0 + 2), key=lambda c: _center(c[0])[1])
    best = min(left, default=None, key=lambda c: abs(_center(c[0])[1] - cy))
    if best is None or abs(_center(best[0])[1] - cy) > 0.8 * h:
        return ""
    text = " ".join(w.text for w in best)
    k = left.index(best)
    if k and best[0].top - left[k - 1][0].bottom < 0.6 * h and not _known_caption(text) and not any(
            abs(_center(r[0])[1] - _center(left[k - 1][0])[1]) <= 0.8 * h for r in runs):
        text = " ".join(w.text for w in left[k - 1]) + " " + text
    return _compact(text)


def _known_caption(text: str) -> bool:
    """A caption complete on its own line ("GENERAL AGGREGATE" under a blank "PERSONAL & ADV
    INJURY"): never the second line of the caption above it."""
    return _compact(text).startswith(_PER_CLAIM_CAPTIONS + _AGGREGATE_CAPTIONS)


def _limits(page: Page, words: list[Word]) -> tuple[Hit | None, Hit | None]:
    """EACH OCCURRENCE / EACH CLAIM -> per claim, (GENERAL) AGGREGATE -> aggregate; a row
    with no per-claim caption (a free row's "Single Conveyance", "Bodily Injury") gives its
    first amount as per claim; "$1,000,000/$3,000,000" is both."""
    runs = _amounts(words)
    captions = _lines([w for w in words if not _MONEY_TOKEN.fullmatch(w.text)])
    per_claim = aggregate = first = None
    for run in runs:
        hit = _money_hit(page, run)
        if hit is None:
            continue
        cap = _caption(captions, runs, run)
        if _DEDUCTIBLE.search(cap):
            continue  # a deductible or retention is never a limit
        pair = _pair(page, run)
        if pair and per_claim is None and aggregate is None:
            per_claim, aggregate = pair
        elif per_claim is None and cap.startswith(_PER_CLAIM_CAPTIONS):
            per_claim = hit
        elif aggregate is None and cap.startswith(_AGGREGATE_CAPTIONS):
            aggregate = hit
        elif first is None and not _DEDUCTIBLE.search(cap) and not re.search(r"aggregate|agg$", cap):
            first = hit
    return per_claim or first, aggregate


def _pair(page: Page, run: list[Word]) -> tuple[Hit, Hit] | None:
    """"1,000,000/3,000,000" (or "$1M/$3M"): per claim / aggregate in one cell."""
    text = "".join(w.text for w in run)
    if text.count("/") != 1:
        return None
    a, b = (money_value(part) for part in text.split("/"))
    if a is None or b is None or a[0] > b[0]:
        return None
    return Hit(a[0], page, run, text, 0.85), Hit(b[0], page, run, text, 0.85)
