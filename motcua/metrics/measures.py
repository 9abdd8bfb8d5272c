"""What the 766 index counts, per dossier and local day.

Every measure is a signed count (or a sum of minutes) attached to one local date of the dossier's timeline. A *flow*
is read as the sum over the days of a period; a *stock* is read as the running sum of every day up to the period's
last day (an interval [start, end) is written as +1 on its first day and -1 on the day it closes). A *procedure*
measure is kept per procedure as well, to count the procedures where something happened at least once.
"""

from __future__ import annotations

from enum import IntEnum


class M(IntEnum):
    # Bucketed on the reception day.
    RECEIVED = 1
    FULL_ELIGIBLE = 2  # the version is offered full-process online
    FULL_ONLINE = 3  # … and the dossier came online (channel 2)
    SYNCED = 4  # its status reached the national portal
    WITH_FEES = 5
    PAID_ONLINE = 6
    DIGITISED = 7  # every component has a stored file (and the result, once decided)
    REUSED = 8  # at least one component taken from the e-data store
    # Bucketed on the day processing ended (decided, else stopped).
    FINISHED = 10
    FINISHED_ON_TIME = 11
    FINISHED_EARLY = 12
    FINISHED_MINUTES = 13  # working minutes from reception to the end, pauses excluded
    # Stocks: open (received, processing not ended) at the end of a day, and open and already overdue.
    OPEN = 20
    OPEN_OVERDUE = 21
    # Bucketed on the decision day.
    DECIDED = 30
    ELECTRONIC_RESULT = 31
    # Bucketed on the day the result was returned (the dossiers eligible for a rating).
    RETURNED = 40
    RATED = 41
    SATISFIED = 42
    # Per procedure, bucketed on the reception day.
    PROC_PAID_ONLINE = 50
    PROC_PAID_NATIONAL = 51  # paid through the national payment platform (gateway 1)


STOCKS = frozenset({M.OPEN, M.OPEN_OVERDUE})
PER_PROCEDURE = frozenset({M.PROC_PAID_ONLINE, M.PROC_PAID_NATIONAL})
FLOWS = frozenset(m for m in M if m not in STOCKS and m not in PER_PROCEDURE)
