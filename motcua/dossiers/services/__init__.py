"""Every write to a dossier. Each function is keyword-only, typed and atomic; it locks the dossier row, checks the
transition, the actor's role and scope, writes an event row and queues outgoing messages in the same transaction.
"""
