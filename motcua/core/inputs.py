"""The base of every typed action input (the API's request bodies, the back office's checked form data).

An :class:`ActionInput` refuses properties it does not name (``additionalProperties: false`` in its schema);
:func:`text` declares a text field, required ones with at least one character that is not white space.
"""

from __future__ import annotations

from typing import Any, Self

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field

from motcua.core.errors import ValidationFailed

#: Text that is required: at least one character that is not white space (and no NUL, which the API refuses).
FILLED = r"^[^\x00]*[^\s\x00][^\x00]*$"


def text(description: str, *, required: bool = False, max_length: int = 4000) -> Any:
    if required:
        return Field(..., description=description, min_length=1, max_length=max_length, pattern=FILLED)
    return Field("", description=description, max_length=max_length)


class ActionInput(BaseModel):
    """A JSON body: properties it does not name are refused, and its schema says so (``additionalProperties:
    false``)."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def checked(cls, data: dict[str, Any]) -> Self:
        """The input from a form that has checked its own fields (types, choices): built without the API's
        boundary constraints (non-blank texts, at least one item), which the services state in their own words.
        A text left empty is ``""``; another required field left empty is refused here."""
        values = dict(data)
        for name, field in cls.model_fields.items():
            if name in values or not field.is_required():
                continue
            if field.annotation is str:
                values[name] = ""
            else:
                raise ValidationFailed(
                    _("“%(field)s” is required for this action.") % {"field": name},
                    code="required",
                    fields={name: _("Required.")},
                )
        return cls.model_construct(**values)
