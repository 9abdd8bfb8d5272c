"""The existing events get their chain: per dossier in the order (at, id), numbered from 1, each hashed with the
previous one's hash (``motcua.dossiers.audit.chain``, the one definition of the hash)."""

from django.db import migrations

BATCH = 2000


def _write(connection, rows):
    """rows: (id, seq, prev_hash, hash)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE dossiers_dossierevent e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "  # noqa: S608
                f"FROM (VALUES {values}) AS v(id, seq, prev_hash, hash) WHERE e.id = v.id",
                [value for row in rows for value in row],
            )
        else:
            cursor.executemany(
                "UPDATE dossiers_dossierevent SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [(seq, prev, digest, pk) for pk, seq, prev, digest in rows],
            )


def backfill(apps, schema_editor):
    from motcua.dossiers.audit.hashing import GENESIS, canonical_payload, content_hash

    connection = schema_editor.connection
    Event = apps.get_model("dossiers", "DossierEvent")
    columns = ("pk", "dossier_id", "at", "actor_id", "action", "from_state", "to_state", "reason", "payload")
    events = Event.objects.order_by("dossier_id", "at", "pk").values_list(*columns)
    # PostgreSQL streams (a server-side cursor sees the rows as they were when it opened); SQLite reads them all
    # first, as it must not update a table it is still reading.
    rows = events.iterator(chunk_size=BATCH) if connection.vendor == "postgresql" else list(events)
    out, current, seq, prev = [], None, 0, GENESIS
    for pk, dossier_id, at, actor_id, action, from_state, to_state, reason, payload in rows:
        if dossier_id != current:
            current, seq, prev = dossier_id, 0, GENESIS
        seq += 1
        digest = content_hash(
            dossier_id=dossier_id, seq=seq, at=at, actor_id=actor_id, action=action, from_state=from_state,
            to_state=to_state, reason=reason, payload=canonical_payload(payload), prev_hash=prev,
        )
        out.append((pk, seq, prev, digest))
        prev = digest
        if len(out) >= BATCH:
            _write(connection, out)
            out = []
    _write(connection, out)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0005_event_chain_fields")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False)]
