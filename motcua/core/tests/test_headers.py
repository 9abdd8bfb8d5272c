"""Security headers: every HTML page carries a Content-Security-Policy without inline script, a reporting endpoint
and a Permissions-Policy; no template relies on inline script, inline event handlers or style attributes."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_an_html_page_carries_a_strict_content_security_policy(client):
    # when anyone opens the portal's home page
    response = client.get("/")
    # then the browser is told to run only the site's own script files, never inline code or eval
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # and violations are reported to the site, both the old way and through the Reporting API
    assert policy["report-uri"] == ["/csp-report/"]
    assert policy["report-to"] == ["csp"]
    assert response.headers["Reporting-Endpoints"] == 'csp="/csp-report/"'


def test_powerful_browser_features_are_denied(client):
    policy = client.get("/").headers["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "payment", "usb", "serial", "hid", "midi"):
        assert features[feature] == "()", feature
    # the petitions may one day ask the browser for a position on our own pages, never in a frame of another site
    assert features["geolocation"] == "(self)"


def test_the_admin_and_the_api_docs_carry_the_policy_too(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.vn", "pw")
    client.force_login(admin)
    for url in ("/admin/", "/admin/orgs/agency/", "/api/v1/docs"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], url


def test_json_answers_are_left_alone(client):
    response = client.get("/healthz")
    assert response.headers["Content-Type"] == "application/json"
    assert "Content-Security-Policy" not in response.headers


def test_the_policy_can_be_tried_in_report_only_mode(client, settings):
    settings.CSP_REPORT_ONLY = True
    response = client.get("/")
    assert "Content-Security-Policy" not in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy-Report-Only"]


def test_htmx_is_configured_to_need_neither_eval_nor_an_inline_style(client):
    html = client.get("/").text
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert meta is not None
    assert '"allowEval":false' in meta.group(1).replace(" ", "")
    assert '"includeIndicatorStyles":false' in meta.group(1).replace(" ", "")


# The official forms and the report's PDF are rendered by WeasyPrint, never sent to a browser as a page.
PDF_ONLY = ("motcua/dossiers/documents/templates/", "motcua/reports/templates/reports/report_pdf.html")
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "hx-on (runs script)": re.compile(r"\bhx-on", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx js: values": re.compile(r"hx-(vals|headers|vars)=['\"]\s*(js|javascript):", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
}


def browser_templates():
    for path in sorted((ROOT / "motcua").rglob("templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(PDF_ONLY):
            yield relative, path.read_text()


def test_no_template_sent_to_a_browser_runs_inline_code_or_inline_styles():
    found = [
        f"{name}: {what}"
        for name, text in browser_templates()
        for what, pattern in INLINE.items()
        if pattern.search(text)
    ]
    assert found == []


def test_the_template_scan_sees_every_kind_of_inline_code():
    samples = {
        "inline <script>": "<script>alert(1)</script>",
        "inline event handler": '<select id="lang" onchange="this.form.submit()">',
        "hx-on (runs script)": '<button hx-on:click="alert(1)">',
        "javascript: URL": '<a href="javascript:alert(1)">',
        "htmx js: values": "<div hx-vals='js:{a: 1}'>",
        "style attribute": '<p style="margin:0">',
        "<style> element": "<style>body { color: red }</style>",
    }
    for what, sample in samples.items():
        assert INLINE[what].search(sample), what
    assert not INLINE["inline <script>"].search('<script src="/static/x.js" defer></script>')
    assert not INLINE["inline <script>"].search('<script id="d" type="application/json">{}</script>')
