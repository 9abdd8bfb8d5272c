"""The interactive API docs: Swagger UI from this site's own static files (nothing from a CDN, so it works offline
and under the Content-Security-Policy), reading a schema it can parse."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_ui_from_this_site_only(client):
    html = client.get("/api/v1/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui-init.js" in sources  # the start-up script is a file, not inline
    assert "/static/ninja/swagger-ui.css" in sources
    assert [s for s in sources if not s.startswith("/")] == []
    for path in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(path), path
    # no validator badge fetched from another site
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1))
    assert settings["validatorUrl"] is None


def test_the_schema_has_no_duplicated_key(client):
    """Swagger UI parses the schema as YAML, where a repeated key (an int 422 beside a "422") is an error and the
    page stays blank; Python's json silently keeps the last one."""
    duplicated = []

    def pairs(items):
        keys = [key for key, _value in items]
        duplicated.extend({key for key in keys if keys.count(key) > 1})
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert duplicated == []
