"""Hostile and damaged image files: a clear reason, never a crash (little or no OCR)."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from credintake.errors import InputFileError
from credintake.extractor.read import read_file
from credintake.extractor.read.image import plan_image
from credintake.settings import LimitSettings, Settings


def _png(image: Image.Image) -> bytes:
    buf = BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _blank_tiff(n: int) -> bytes:
    pages = [Image.new("1", (816, 1056), 1) for _ in range(n)]
    buf = BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(204, 196))
    return buf.getvalue()


def _small_limit() -> Settings:
    return Settings(limits=LimitSettings(max_image_pixels=1_000_000))


@pytest.mark.parametrize("side", [1100, 3000])  # above the limit; above twice the limit (PIL's own error)
def test_decompression_bomb_png_is_refused_with_the_limit(side: int) -> None:
    data = _png(Image.new("1", (side, side), 1))
    assert len(data) < 20_000  # tiny on disk, huge decoded
    out = read_file("bomb.png", data, _small_limit())
    assert out.pages == []
    (problem,) = out.problems
    assert "1,000,000-pixel limit" in problem.reason and "decompression bomb" in problem.reason


def test_pixel_limit_comes_from_settings() -> None:
    read_file("bomb.png", _png(Image.new("1", (1100, 1100), 1)), _small_limit())
    assert Image.MAX_IMAGE_PIXELS == 1_000_000
    Settings()  # a default run puts the default back
    read_file("x.png", b"\x89PNG\r\n\x1a\n", Settings())
    assert Image.MAX_IMAGE_PIXELS == LimitSettings().max_image_pixels


def test_zero_byte_and_garbage_images_are_unreadable() -> None:
    assert "empty (0 bytes)" in read_file("empty.png", b"", Settings()).problems[0].reason
    with pytest.raises(InputFileError, match="damaged"):
        plan_image("empty.png", b"", Settings())
    out = read_file("junk.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, Settings())
    assert out.pages == [] and "damaged" in out.problems[0].reason


def test_truncated_png_marks_the_page_not_the_packet() -> None:
    data = _png(Image.effect_noise((600, 800), 60).convert("L"))
    out = read_file("cut.png", data[: len(data) // 2], Settings())
    (problem,) = out.problems
    assert problem.page == 1 and "truncated" in problem.reason


def test_truncated_tiff_keeps_the_pages_before_the_break() -> None:
    data = _blank_tiff(3)
    pages = read_file("fax.tif", data[: len(data) // 2], Settings()).pages
    assert [p.number for p in pages] == [1, 2]
    assert pages[0].error is None and pages[0].ocr
    assert "truncated or damaged after page 1" in (pages[1].error or "")


def test_tiff_header_only_is_unreadable() -> None:
    with pytest.raises(InputFileError):
        plan_image("fax.tif", _blank_tiff(1)[:40], Settings())


def test_pages_beyond_the_limit_are_marked_unread() -> None:
    settings = Settings()
    settings.limits.max_pages_per_file = 1
    pages = read_file("fax.tif", _blank_tiff(3), settings).pages
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[0].error is None
    assert all("beyond the 1-page limit" in (p.error or "") for p in pages[1:])
