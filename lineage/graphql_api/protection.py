"""Limits on GraphQL documents (depth, aliases, tokens), parse/validation caches, error masking."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial

from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from graphql import GraphQLError

MAX_QUERY_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5_000
#: Distinct documents whose parse and validation results are kept (bounded: clients choose them).
DOCUMENT_CACHE_SIZE = 256

#: Built once: each construction makes new validation-rule classes, and `ValidationCache` keys on
#: the rules, so a limiter built per request would never hit the cache. Requests get copies.
_DEPTH_LIMITER = QueryDepthLimiter(max_depth=MAX_QUERY_DEPTH)
_ALIAS_LIMITER = MaxAliasesLimiter(max_alias_count=MAX_ALIASES)


def is_unexpected(error: GraphQLError) -> bool:
    """Whether an error comes from a bug or the backend rather than from the request itself.

    Services and the store raise `ValueError` / `LookupError` subclasses (bad argument, cap
    exceeded, invalid cursor, not found) and GraphQL itself raises `GraphQLError`s (bad variable
    values) whose messages are meant for clients; anything else is masked so internals do not
    leak.
    """
    original = error.original_error
    expected = ValueError | LookupError | GraphQLError
    return original is not None and not isinstance(original, expected)


def protection_extensions() -> list[Callable[[], SchemaExtension]]:
    """Factories of the schema extensions that protect the server, one instance per operation."""
    return [
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        partial(ParserCache, maxsize=DOCUMENT_CACHE_SIZE),
        partial(copy.copy, _DEPTH_LIMITER),
        partial(copy.copy, _ALIAS_LIMITER),
        partial(ValidationCache, maxsize=DOCUMENT_CACHE_SIZE),
        partial(MaskErrors, should_mask_error=is_unexpected),
    ]
