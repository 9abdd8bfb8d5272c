"""The web kit's staff decorator, worn by every staff page (back office, dashboard, reports)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from motcua.core.errors import NotFound, PermissionDenied
from motcua.web.staff import StaffScope, staff_required


@staff_required
def page(request):
    return HttpResponse(f"{sorted(request.scope.roles)} {len(request.staff_roles)}")


@staff_required
def missing(request):
    raise NotFound("no such dossier")


@staff_required
def refused(request):
    raise PermissionDenied("not yours")


def get(user, path="/staff/ho-so/1/"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    return request


def test_an_anonymous_visitor_is_sent_to_the_staff_login_and_back():
    response = page(get(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/staff/dang-nhap/?next=/staff/ho-so/1/"


def test_a_citizen_gets_the_not_staff_page(world):
    response = page(get(world.citizen_user))
    assert response.status_code == 403
    assert 'href="/ho-so/"' in response.content.decode()  # the not-staff page sends them to their dossiers


def test_a_staff_member_gets_the_page_with_their_scope_and_roles(world):
    request = get(world.desk)
    response = page(request)
    assert response.status_code == 200
    assert isinstance(request.scope, StaffScope)
    assert request.scope.is_staff and request.scope.may_receive
    assert response.content.decode() == f"{sorted(request.scope.roles)} {len(request.staff_roles)}"


def test_domain_errors_become_404_and_403_pages(world):
    from django.core.exceptions import PermissionDenied as HttpForbidden
    from django.http import Http404

    with pytest.raises(Http404):
        missing(get(world.desk))
    with pytest.raises(HttpForbidden):
        refused(get(world.desk))
