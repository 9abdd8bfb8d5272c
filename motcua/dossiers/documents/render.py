"""HTML templates → PDF with WeasyPrint.

Fonts: Vietnamese needs every precomposed letter (ơ ư ạ … ỹ). Debian's old ``fonts-liberation`` 1.07 lacks 92 of
them and WeasyPrint would silently mix in a fallback font, so the forms do not ask fontconfig for a family name:
they load the font files themselves through ``@font-face``, from the first family found whose regular face covers
every Vietnamese letter — Liberation Serif 2 (Times New Roman metrics, the face of administrative documents),
then Noto Serif, then DejaVu Serif. The same face is set on ``@page`` so the margin boxes use it too.

Templates are rendered by a dedicated Django template engine (autoescaping, cached, no request context): the
forms' own folder ``templates/forms/``. Parsed stylesheets and the font configuration are kept per thread.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import segno
from django.template import Context, Engine
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
FAMILY = "MotcuaForms"

#: Candidate font families: (name, {face: file}) with faces regular, bold, italic, bold italic.
FONT_CANDIDATES: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "Liberation Serif",
        {
            "regular": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "bold": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
            "italic": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
            "bolditalic": "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
        },
    ),
    (
        "Noto Serif",
        {
            "regular": "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
            "bold": "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
            "italic": "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
            "bolditalic": "/usr/share/fonts/truetype/noto/NotoSerif-BoldItalic.ttf",
        },
    ),
    (
        "DejaVu Serif",
        {
            "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
            "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
            "italic": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
            "bolditalic": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf",
        },
    ),
)

#: Every letter Vietnamese writes with (lower and upper case), which the chosen font must cover.
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VIETNAMESE_LETTERS = frozenset(VIETNAMESE + VIETNAMESE.upper())

_FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"), "bolditalic": (700, "italic")}


@dataclass(frozen=True)
class FontChoice:
    name: str
    files: dict[str, str]


def _covers_vietnamese(path: str) -> bool:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return all(ord(ch) in cmap for ch in VIETNAMESE_LETTERS)


@lru_cache(maxsize=1)
def font_choice() -> FontChoice | None:
    """The first installed family whose four faces exist and whose regular face covers Vietnamese."""
    for name, files in FONT_CANDIDATES:
        if all(Path(p).is_file() for p in files.values()) and _covers_vietnamese(files["regular"]):
            return FontChoice(name, files)
    return None


def font_css() -> str:
    choice = font_choice()
    if choice is None:  # no known file: let fontconfig choose among families that cover Vietnamese
        return f"@font-face {{ font-family: {FAMILY}; src: local('Noto Serif'), local('DejaVu Serif'); }}\n"
    rules = []
    for face, path in choice.files.items():
        weight, style = _FACES[face]
        rules.append(
            f"@font-face {{ font-family: {FAMILY}; src: url('{Path(path).as_uri()}'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules) + "\n"


_engine = Engine(
    dirs=[str(TEMPLATES_DIR)],
    autoescape=True,
    debug=False,
    string_if_invalid="",
    loaders=[("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])],
)

_local = threading.local()


def _styles() -> tuple[FontConfiguration, CSS]:
    cached = getattr(_local, "styles", None)
    if cached is None:
        config = FontConfiguration()
        stylesheet = font_css() + (TEMPLATES_DIR / "forms" / "forms.css").read_text(encoding="utf-8")
        cached = (config, CSS(string=stylesheet, font_config=config))
        _local.styles = cached
    return cached


@lru_cache(maxsize=1024)
def qr_data_uri(text: str) -> str:
    """The QR code of ``text`` as a PNG data URI: error correction M, a quiet zone of 4 modules, 8 pixels a module
    (about 360 dpi at the 23 mm it is printed), drawn without smoothing (``image-rendering: pixelated``).

    PNG rather than SVG: WeasyPrint parses an SVG path of a thousand segments on every render (a third of a form's
    rendering time); the bitmap is embedded as it is.
    """
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def render_html(template: str, context: dict[str, Any]) -> str:
    return _engine.get_template(template).render(Context(context, autoescape=True))


def render_pdf(template: str, context: dict[str, Any], *, created: dt.datetime | None = None) -> bytes:
    """The PDF of ``template`` with ``context`` (``created`` goes into the document's metadata)."""
    config, stylesheet = _styles()
    extra = {"created": created.isoformat() if created else ""}
    html = render_html(template, {**context, "meta": extra})
    document = HTML(string=html, base_url=str(TEMPLATES_DIR)).render(
        stylesheets=[stylesheet], font_config=config, optimize_images=False
    )
    pdf = document.write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf without a target returns bytes
    return pdf


def render_pdf_pages(documents: list[tuple[str, dict[str, Any]]], *, created: dt.datetime | None = None) -> bytes:
    """One PDF of several templates, each starting on a new page (the register's sections)."""
    config, stylesheet = _styles()
    extra = {"created": created.isoformat() if created else ""}
    rendered = [
        HTML(string=render_html(template, {**context, "meta": extra}), base_url=str(TEMPLATES_DIR)).render(
            stylesheets=[stylesheet], font_config=config, optimize_images=False
        )
        for template, context in documents
    ]
    pages = [page for document in rendered for page in document.pages]
    pdf = rendered[0].copy(pages).write_pdf()
    assert pdf is not None  # noqa: S101
    return pdf
