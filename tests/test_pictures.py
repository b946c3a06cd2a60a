"""An item's picture: the build writes WebP and JPEG/PNG variants and lists them in a <picture>.

The real content has no pictures, so the tests draw their own with Pillow and build a
small site with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from qlee.output import pictures

from conftest import build
from html_tree import parse_file

KIB = 1024


def photo(path: Path, size: tuple[int, int]) -> None:
    """Something like a photograph: a sky, a landscape, shapes and grain."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(60, 110, 50))
    for index in range(12):
        x = width * index // 12
        draw.ellipse([x, height // 3, x + width // 10, height // 3 + width // 10], fill=(200, 150 - index * 8, 40))
    grain = Image.effect_noise(size, 24).filter(ImageFilter.GaussianBlur(1)).convert("RGB")
    Image.blend(image, grain, 0.12).save(path, "JPEG", quality=92)


def item(slug: str, image: str) -> str:
    return (
        f"---\ntitle: Bild {slug}\ndate: 01.12.2024\ncategory: Nachrichten\nslug: {slug}\n"
        f"summary: Eine Meldung mit Bild.\nimage:\n  src: {image}\n  alt: Ein Testbild\n  credit: © Test\n---\nText.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pictures")
    content = root / "content"
    (content / "nachrichten").mkdir(parents=True)
    (content / "bilder").mkdir()
    photo(content / "bilder" / "foto.jpg", (2400, 1600))
    photo(content / "bilder" / "klein.jpg", (600, 400))
    Image.new("RGBA", (900, 300), (0, 90, 102, 128)).save(content / "bilder" / "grafik.png")
    (content / "bilder" / "plan.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    for slug, image in (("foto", "bilder/foto.jpg"), ("klein", "bilder/klein.jpg"),
                        ("grafik", "bilder/grafik.png"), ("plan", "bilder/plan.svg")):  # fmt: skip
        (content / "nachrichten" / f"{slug}.md").write_text(item(slug, image), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1735689600")
        return build(content, root / "output")


def figure_of(site: Path, slug: str):
    return parse_file(site / "nachrichten" / slug / "index.html").find("figure", class_="article__image")


def srcset(value: str) -> list[tuple[str, int]]:
    return [(url, int(width.rstrip("w"))) for url, width in (part.split() for part in value.split(", "))]


def test_widths_never_exceed_the_picture():
    assert pictures.widths_for(2400) == (480, 800, 1280)
    assert pictures.widths_for(1000) == (480, 800, 1000)
    assert pictures.widths_for(300) == (300,)


def test_a_photo_gets_webp_and_jpeg_in_three_widths(site):
    figure = figure_of(site, "foto")
    (source,) = figure.find_all("source")
    img = figure.find("img")
    assert source.attrs["type"] == "image/webp"
    webp, jpeg = srcset(source.attrs["srcset"]), srcset(img.attrs["srcset"])
    assert [w for _, w in webp] == [w for _, w in jpeg] == [480, 800, 1280]
    assert all(url.endswith(".webp") for url, _ in webp) and all(url.endswith(".jpg") for url, _ in jpeg)
    assert (img.attrs["width"], img.attrs["height"]) == ("1280", "853")
    assert img.attrs["src"] == jpeg[-1][0] and img.attrs["alt"] == "Ein Testbild"
    assert "loading" not in img.attrs  # an article's own picture is wanted at once
    for url, width in webp + jpeg:
        with Image.open(site / url.lstrip("/")) as written:
            assert written.width == width and written.format in ("WEBP", "JPEG")
    # A 1280 px picture is served at no more than 150 KB.
    assert (site / webp[-1][0].lstrip("/")).stat().st_size <= 150 * KIB


def test_a_small_picture_is_never_enlarged(site):
    img = figure_of(site, "klein").find("img")
    assert (img.attrs["width"], img.attrs["height"]) == ("600", "400")
    assert [w for _, w in srcset(img.attrs["srcset"])] == [480, 600]


def test_transparency_keeps_a_png_fallback(site):
    img = figure_of(site, "grafik").find("img")
    assert img.attrs["src"].endswith(".900w.png")
    with Image.open(site / img.attrs["src"].lstrip("/")) as written:
        assert written.mode == "RGBA"


def test_svg_is_used_as_it_is(site):
    figure = figure_of(site, "plan")
    assert figure.find_all("source") == []
    img = figure.find("img")
    assert img.attrs["src"] == "/bilder/plan.svg" and "width" not in img.attrs


def test_news_cards_show_the_picture_lazily(site):
    cards = parse_file(site / "aktuelles" / "index.html").find_all("li", class_="teaser")
    images = [card.find("img") for card in cards]
    assert len(images) == 4 and all(img is not None and img.attrs["loading"] == "lazy" for img in images)


def test_share_image_is_the_large_variant(site):
    head = parse_file(site / "nachrichten" / "foto" / "index.html").find("head")
    shared = [m.attrs["content"] for m in head.find_all("meta") if m.attrs.get("property") == "og:image"]
    assert shared == ["/bilder/foto.1280w.jpg"]


def test_variants_are_not_written_again(site, tmp_path):
    output = tmp_path / "out"
    first = pictures.picture("bilder/foto.jpg", site.parent / "content", output)
    written = {path: path.stat().st_mtime_ns for path in output.rglob("*.*")}
    pictures._picture.cache_clear()
    assert pictures.picture("bilder/foto.jpg", site.parent / "content", output) == first
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*.*")} == written


def test_picture_pages_pass_the_nu_html_checker(site):
    from test_html_validity import describe, run_vnu

    files = [site / "nachrichten" / slug / "index.html" for slug in ("foto", "klein", "grafik", "plan")]
    messages = run_vnu([*files, site / "aktuelles" / "index.html"])
    assert [describe(message, site) for message in messages] == []
