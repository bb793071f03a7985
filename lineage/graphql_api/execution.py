"""The executor: graphql-core's, with a short path for plain leaf fields.

A chain answer is mostly leaves read straight off objects (`events { id type timestamp }` over a
hundred events is four hundred of them). For each, graphql-core builds a resolve-info object and a
response path, calls strawberry's attribute resolver and walks the non-null and leaf completion
steps, for every leaf of every object. A leaf field that strawberry resolves by
reading an attribute (no resolver, no field extensions, no arguments) needs none of that: read the
attribute and coerce it with the field's own scalar or enum type. Anything unusual on the way (a
null in a non-null field, a value the type cannot coerce, an error) falls back to graphql-core's
full path, which raises and locates the error exactly as before. An object whose selected fields
are all such leaves is built in one step. (A 100-event chain query: 10.7 -> 8.5 ms CPU.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from graphql import (
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)


@dataclass(frozen=True, slots=True)
class LeafReader:
    """How to answer one plain leaf field: read `attribute`, coerce with `coerce`."""

    attribute: str
    read: Callable[[Any, str], Any]
    coerce: Callable[[Any], Any]
    non_null: bool


def leaf_reader(field: GraphQLField) -> LeafReader | None:
    """The short path for a field strawberry answers from an attribute, if it is a leaf."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or not definition.is_basic_field:
        return None
    if not getattr(field.resolve, "_is_default", False) or field.args:
        return None
    field_type: GraphQLOutputType = field.type
    non_null = isinstance(field_type, GraphQLNonNull)
    leaf = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(leaf):
        return None
    return LeafReader(
        definition.python_name, definition.default_resolver, leaf.coerce_output_value, non_null
    )


class LineageExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, answering plain leaf fields without the per-field machinery."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not when a schema extension has a `resolve` hook: it must see every field.
        manager = self.middleware_manager
        self._short_path = manager is None or not manager.middlewares
        # By id() of the field definition; the schema keeps them alive for the whole request.
        self._readers: dict[int, LeafReader | None] = {}
        # By id() of a selection (memoized by graphql-core, so one per list of objects); each
        # entry keeps its selection alive so that the id cannot be reused during the request.
        self._plans: dict[int, tuple[GroupedFieldSet, list[tuple[str, LeafReader]] | None]] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        """An object whose selected fields are all plain leaves, built directly; else as usual."""
        key = id(grouped_field_set)
        cached = self._plans.get(key)
        if cached is None:
            cached = self._plans[key] = (
                grouped_field_set,
                self._plan(parent_type, grouped_field_set),
            )
        plan = cached[1]
        if plan is not None:
            results: dict[str, Any] = {}
            for response_name, reader in plan:
                value = _read(reader, source_value)
                if value is Undefined:
                    break
                results[response_name] = value
            else:
                return results
        return super().execute_fields(
            parent_type, source_value, path, grouped_field_set, position_context
        )

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[tuple[str, LeafReader]] | None:
        """(response name, reader) per selected field, or None unless all are plain leaves."""
        if not self._short_path:
            return None
        plan = []
        for response_name, field_details_list in grouped_field_set.items():
            reader = self._reader(parent_type, field_details_list)
            if reader is None:
                return None
            plan.append((response_name, reader))
        return plan

    def _reader(
        self, parent_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> LeafReader | None:
        field = self.schema.get_field(parent_type, field_details_list[0].node.name.value)
        if field is None:
            return None
        key = id(field)
        try:
            return self._readers[key]
        except KeyError:
            reader = self._readers[key] = leaf_reader(field)
            return reader

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        """A plain leaf's coerced attribute, else what graphql-core's field execution gives."""
        if self._short_path:
            reader = self._reader(parent_type, field_details_list)
            if reader is not None:
                value = _read(reader, source)
                if value is not Undefined:
                    return value
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


def _read(reader: LeafReader, source: Any) -> Any:
    """The coerced value, or Undefined when graphql-core must handle the field (and its error)."""
    try:
        value = reader.read(source, reader.attribute)
        if value is None:
            return Undefined if reader.non_null else None
        coerced = reader.coerce(value)
    except Exception:  # graphql-core's path raises it again, located
        return Undefined
    return Undefined if coerced is None else coerced
