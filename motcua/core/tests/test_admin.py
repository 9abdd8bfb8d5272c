"""Every model has an admin page that opens (in Vietnamese) for a system administrator."""

import pytest
from django.apps import apps
from django.contrib import admin

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db

OUR_APPS = {config.label for config in apps.get_app_configs() if config.name.startswith("motcua.")}


def test_every_model_of_ours_is_in_the_admin():
    shown = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        shown.update(inline.model for inline in model_admin.inlines)
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m._meta.auto_created and m not in shown
    ]
    assert missing == [], "register these models in their app's admin.py (or as an inline)"


def test_every_admin_changelist_opens(client):
    User.objects.create_superuser("root", "root@example.vn", "pw")
    client.login(username="root", password="pw")
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        assert response.status_code == 200, url
        response = client.get(url, {"q": "Hà Nội"})
        assert response.status_code == 200, url
