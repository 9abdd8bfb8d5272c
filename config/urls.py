from django.contrib import admin
from django.urls import include, path

from motcua.api.urls import api
from motcua.core.views import set_language

admin.site.site_header = "motcua — Quản trị hệ thống một cửa"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("motcua.accounts.urls")),
    path("staff/", include("motcua.backoffice.urls")),
    path("danh-gia/", include("motcua.ratings.urls")),
    path("chi-so/", include("motcua.dashboard.public_urls")),
    path("", include("motcua.portal.urls")),
    path("", include("motcua.core.urls")),
]
