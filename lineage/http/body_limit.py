"""Request bodies over the configured size get 413, in the shape of every other error."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lineage.http.errors import error_response


class BodyTooLargeError(Exception):
    """The body grew past the limit while it was read."""


class BodyLimit:
    """Refuses a declared `Content-Length` over the limit at once, and a streamed body (chunked,
    no length) as soon as it passes the limit; nothing of it is handled."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request with a size-checking `receive`."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLargeError:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        reason = (
            f"request body exceeds the limit of {self.max_bytes} bytes (LINEAGE_MAX_BODY_BYTES)"
        )
        await error_response(413, reason)(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
