from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.accounts import services, tokens
from motcua.accounts.forms import ThrottledAdminAuthenticationForm
from motcua.accounts.models import ApiToken, Applicant, Authorisation, LoginThrottle, User
from motcua.core.forms import run_check
from motcua.orgs.models import StaffRole

#: The admin's login passes the same throttle and says when to retry.
admin.site.login_form = ThrottledAdminAuthenticationForm


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("agency", "unit")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "email", "phone", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email", "phone")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),)
    inlines = [StaffRoleInline]


class ApplicantAdminForm(forms.ModelForm):
    class Meta:
        model = Applicant
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") and data.get("id_type") and data.get("id_number"):

            def check() -> None:
                data["id_number"] = services.normalise_identity(
                    kind=data["kind"],
                    id_type=data["id_type"],
                    id_number=data["id_number"],
                    date_of_birth=data.get("date_of_birth"),
                )

            run_check(self, check)
        return data


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    form = ApplicantAdminForm
    list_display = ("name", "kind", "id_type", "id_number", "phone", "email")
    list_filter = ("kind", "id_type")
    search_fields = ("name", "id_number", "phone", "email")
    autocomplete_fields = ("user",)


@admin.register(Authorisation)
class AuthorisationAdmin(admin.ModelAdmin):
    list_display = ("representative", "principal", "document_number", "valid_from", "valid_to")
    search_fields = (
        "principal__name",
        "principal__id_number",
        "representative__name",
        "representative__id_number",
    )
    autocomplete_fields = ("principal", "representative")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("name", "user__username", "prefix")
    actions = ["revoke"]

    def has_add_permission(self, request: Any) -> bool:
        return False  # tokens are issued with `motcua accounts token USER NAME`, which shows the secret once

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # revoked with the action below or `motcua accounts revoke PREFIX`, never edited

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = sum(tokens.token_revoke(token=token) for token in queryset)
        self.message_user(request, _("%(count)d token(s) revoked.") % {"count": count}, messages.SUCCESS)


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Who fails to log in from where; deleting a row lets that address try that user name again at once."""

    list_display = ("username", "ip", "failures", "last_failure_at", "retry_at")
    search_fields = ("username", "ip")
    list_filter = ("last_failure_at",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
