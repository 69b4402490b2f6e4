"""Where an OCR'd page's boxes lie on the page as its file stores it.

OCR reads a cleaned-up copy of a page: deskewed, and turned upright when Tesseract's
orientation detection says the scan is sideways or upside down. Extractors need that
upright frame (a label left of its value, lines running across), but the contract's bbox is
in the points of the page as stored, and that is the page a reviewer is shown
(``api/page_images.py`` renders the file, not the cleaned copy). ``FileFrame`` records the
two geometric steps OCR took; ``restore_boxes`` maps every extracted value's box back once
extraction is done. Square pixels and upscaling need no mapping: boxes are in points, which
those steps do not change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from credintake.contract import FieldValue

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class FileFrame:
    """How the OCR frame of one page relates to the page as stored.

    ``width`` x ``height``: the stored page in points. OCR first rotated it ``skew_deg``
    counter-clockwise about its centre (deskew, same size), then turned the result
    ``quarter_ccw`` degrees counter-clockwise (0, 90, 180 or 270)."""

    width: float
    height: float
    skew_deg: float = 0.0
    quarter_ccw: int = 0

    def to_file(self, box: Box) -> Box:
        """``box`` (x0, top, x1, bottom) in the OCR frame -> the same box on the stored page."""
        return self._unskew(self._unturn(box))

    def _unturn(self, box: Box) -> Box:
        """Undo the quarter turn (PIL's ROTATE_90/180/270 are counter-clockwise)."""
        x0, y0, x1, y1 = box
        w, h = self.width, self.height
        if self.quarter_ccw == 90:
            return (w - y1, x0, w - y0, x1)
        if self.quarter_ccw == 180:
            return (w - x1, h - y1, w - x0, h - y0)
        if self.quarter_ccw == 270:
            return (y0, h - x1, y1, h - x0)
        return box

    def _unskew(self, box: Box) -> Box:
        """Turn the box's centre back by the deskew angle; a word's size barely changes
        over a few degrees, so the box keeps its width and height."""
        if not self.skew_deg:
            return box
        x0, y0, x1, y1 = box
        cx, cy = self.width / 2, self.height / 2
        dx, dy = (x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy
        a = math.radians(self.skew_deg)
        # PIL rotates counter-clockwise on screen (y down): x' = x cos a + y sin a,
        # y' = -x sin a + y cos a about the centre; this is the inverse.
        mx = cx + dx * math.cos(a) - dy * math.sin(a)
        my = cy + dx * math.sin(a) + dy * math.cos(a)
        hw, hh = (x1 - x0) / 2, (y1 - y0) / 2
        return (mx - hw, my - hh, mx + hw, my + hh)


def restore_boxes(values: Iterable[FieldValue], frames: dict[tuple[str, int], FileFrame]) -> None:
    """Map each value's bbox from its page's OCR frame to the stored page, in place."""
    if not frames:
        return
    for value in values:
        if value.bbox is None or value.file is None or value.page is None:
            continue
        frame = frames.get((value.file, value.page))
        if frame is not None:
            value.bbox = tuple(round(v, 2) for v in frame.to_file(value.bbox))  # type: ignore[assignment]
