"""A minimal graphql-transport-ws client over a real websocket (the `websockets` library)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from websockets.sync.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"
RECEIVE_TIMEOUT_S = 10.0


class GraphQLWebSocket:
    """One graphql-transport-ws connection: subscribe, read results, complete."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    def send(self, message: dict[str, Any]) -> None:
        """Send one protocol message."""
        self.connection.send(json.dumps(message))

    def receive(self) -> dict[str, Any]:
        """The next protocol message (pings are answered and skipped)."""
        while True:
            message: dict[str, Any] = json.loads(self.connection.recv(timeout=RECEIVE_TIMEOUT_S))
            if message["type"] != "ping":
                return message
            self.send({"type": "pong"})

    def subscribe(self, op_id: str, query: str, variables: dict[str, Any] | None = None) -> None:
        """Start an operation."""
        payload: dict[str, Any] = {"query": query, "variables": variables or {}}
        self.send({"id": op_id, "type": "subscribe", "payload": payload})

    def next_data(self, op_id: str) -> dict[str, Any]:
        """The data of the next result of `op_id` (fails on errors or another message)."""
        message = self.receive()
        assert message.get("id") == op_id and message["type"] == "next", message
        payload: dict[str, Any] = message["payload"]
        assert not payload.get("errors"), payload
        return payload["data"]  # type: ignore[no-any-return]

    def complete(self, op_id: str) -> None:
        """Stop an operation."""
        self.send({"id": op_id, "type": "complete"})


@contextmanager
def graphql_ws(url: str) -> Iterator[GraphQLWebSocket]:
    """Connect, initialise and wait for `connection_ack`."""
    with connect(url, subprotocols=[PROTOCOL]) as connection:  # type: ignore[list-item]
        assert connection.subprotocol == PROTOCOL
        client = GraphQLWebSocket(connection)
        client.send({"type": "connection_init", "payload": {}})
        assert client.receive() == {"type": "connection_ack"}
        yield client
