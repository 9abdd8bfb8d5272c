"""Writes of the metrics app: recording facts and deltas from events, folding the journal, rebuilding."""
