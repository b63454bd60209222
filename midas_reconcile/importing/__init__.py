"""Adopting what is live: ``midas import`` (derive → unify → verify → write → adopt) and its helpers."""
