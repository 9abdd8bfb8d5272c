"""The web kit the page interfaces share (portal, back office, dashboard, reports), so that none imports another:

- :mod:`~motcua.web.views`: the view type, domain errors as 404/403 pages, reloading after a conflict;
- :mod:`~motcua.web.forms`: a domain error's messages put next to a form's fields;
- :mod:`~motcua.web.files`: serving a stored file to someone allowed to see it;
- :mod:`~motcua.web.official_forms`: the official forms (PDF) a dossier page offers;
- :mod:`~motcua.web.staff`: the staff member's scope and the ``staff_required`` decorator of every staff page.
"""
