"""Database backends for the test suite only (``config.settings.test``): Django's own, with a flush that gets past
the append-only guards (``motcua.core.appendonly``).

Transactional tests and browser tests (``live_server``) empty every table after each test (Django's ``flush``:
TRUNCATE on PostgreSQL, DELETE on SQLite), which the guards refuse. Here the flush, and only the flush:

- on PostgreSQL sets ``session_replication_role = replica`` for its own transaction (``SET LOCAL``), so no ordinary
  trigger fires. Setting it needs a superuser, which the suite's role is and the application's role is not
  (docs/deployment): production has no such way round the guard.
- on SQLite drops the guard's triggers, empties the tables and creates the triggers again, in one transaction.

Nothing else changes: every other statement of the suite meets the guards as production does.
"""
