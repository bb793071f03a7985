"""Errors a service raises for a caller's mistake; their messages are safe to show to clients."""

from __future__ import annotations


class ServiceError(ValueError):
    """A request the services cannot answer as asked; the message says why."""


class LimitExceededError(ServiceError):
    """An argument beyond a server-side cap (page size, traversal depth or size, batch size)."""


class NotFoundError(ServiceError, LookupError):
    """The thing asked about is not in the store."""
