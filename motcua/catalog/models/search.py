"""The vocabulary of the catalogue search: every folded word that occurs in a published version."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWord(models.Model):
    """A folded word (see ``catalog.normalize``). Only ever added: a stale word merely finds nothing."""

    word = models.CharField(_("word"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
