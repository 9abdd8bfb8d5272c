"""Units in which legal time limits are expressed. Shared by the catalogue and the deadline engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("working days")
    WORKING_HOUR = "working_hour", _("working hours")
    CALENDAR_DAY = "calendar_day", _("calendar days")
    MONTH = "month", _("months")
