"""Who may read a stored file: one rule for downloading it and for reusing it in another dossier.

A user may read a file when the access policy lets them see a dossier that holds it (as a component or as a file
attached during processing: :func:`motcua.dossiers.selectors.visible_dossiers`), or when it is in the e-data store
of the applicant whose account they are logged in with (the owner, acting online). Nobody else may, and every
refusal is the same :class:`NotFound` as for an id that does not exist: an id tells nothing about a file one may not
read.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierComponent, DossierFile, StoredFile
from motcua.dossiers.selectors import visible_dossiers
from motcua.orgs.policy import Action, scope_agency_ids


def files_readable_by(user: Actor) -> QuerySet[StoredFile]:
    """The stored files ``user`` may read (see the module's docstring)."""
    files = StoredFile.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return files.none()
    if scope_agency_ids(user, Action.VIEW) is None:  # the system administrator
        return files
    dossiers = visible_dossiers(user)
    as_component = DossierComponent.objects.filter(file_id=OuterRef("pk"), dossier__in=dossiers)
    as_attachment = DossierFile.objects.filter(file_id=OuterRef("pk"), dossier__in=dossiers)
    return files.filter(Q(owner_applicant__user=user) | Exists(as_component) | Exists(as_attachment))


def dossier_file(user: Actor, dossier: Dossier, file_id: int) -> StoredFile:
    """A file of ``dossier`` (a component or an attachment) that ``user`` may read, or :class:`NotFound`."""
    in_dossier = Q(pk__in=dossier.components.values("file_id")) | Q(pk__in=dossier.files.values("file_id"))
    stored = files_readable_by(user).filter(in_dossier, pk=file_id).first()
    if stored is None:
        raise NotFound(_("No such file in this dossier."), code="file_not_found")
    return stored


def reusable_file(user: Actor, dossier: Dossier, file_id: int, *, field: str) -> StoredFile:
    """A file of the e-data store of ``dossier``'s applicant that ``user`` may read, to reuse in ``dossier``;
    otherwise the same :class:`NotFound` whether the id exists or not."""
    stored = files_readable_by(user).filter(pk=file_id, owner_applicant_id=dossier.applicant_id).first()
    if stored is None:
        raise NotFound(
            _("No document with this number can be reused for this applicant."),
            code="reuse_not_found",
            fields={field: _("Unknown document.")},
        )
    return stored


def reusable_files(user: Actor, dossier: Dossier, limit: int = 30) -> list[StoredFile]:
    """The files ``user`` may reuse in ``dossier``, newest first (the choices the portal offers)."""
    qs = files_readable_by(user).filter(owner_applicant_id=dossier.applicant_id)
    return list(qs.order_by("-uploaded_at", "-pk")[:limit])
