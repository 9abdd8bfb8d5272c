"""The JSON API at /api/v1/. Each domain area has its own router module; this file only mounts them."""

from ninja import Swagger

from motcua.api import actions, agencies, calendar, catalog, dossiers, errors, forms, me, metrics, reports, scoring
from motcua.api.openapi import MotcuaAPI, Utf8JSONRenderer
from motcua.api.parsing import JsonOnlyParser

api = MotcuaAPI(
    title="motcua API",
    version="1",
    description="API of the one-stop shop information system. Errors: {code, message, fields}.",
    urls_namespace="api",
    renderer=Utf8JSONRenderer(),
    parser=JsonOnlyParser(),
    # Swagger UI from django-ninja's own static files (``ninja`` is an installed app), so the docs work offline and
    # under the Content-Security-Policy; no validator badge fetched from another site.
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.install(api)
api.add_router("/me", me.router)
api.add_router("/agencies", agencies.router)
api.add_router("/calendar", calendar.router)
api.add_router("", catalog.router)
api.add_router("/dossiers", dossiers.router)
api.add_router("/dossiers", actions.router)
api.add_router("", dossiers.public)
api.add_router("/dossiers", forms.router)
api.add_router("/metrics", metrics.router)
api.add_router("/reports", reports.router)
api.add_router("/scoring", scoring.router)
