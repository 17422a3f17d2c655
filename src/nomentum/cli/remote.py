"""The CLI's way to a remote server: the JSON API over HTTP(S) with a bearer token,
with the standard library only. Answers come back as the same schemas' JSON the local
commands print; errors as the same exceptions (``nomentum.errors``), so the CLI words
them the same."""

import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from nomentum.errors import Invalid, NotFound, Refused


class RemoteError(Exception):
    """The server could not be used (unreachable, token refused, an odd answer)."""


class Remote:
    def __init__(self, url: str, token: str, timeout: float = 30):
        self.base = url.rstrip("/")
        if not self.base.endswith("/api"):
            self.base += "/api"
        self.token = token
        self.timeout = timeout

    def call(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        query: dict | None = None,
        headers: dict | None = None,
    ) -> Any:
        data = None if body is None else json.dumps(body).encode()
        content_type = "application/json" if body is not None else None
        answer = self.send(method, path, data, content_type, query, headers)
        return json.loads(answer) if answer else None

    def upload(self, path: str, name: str, content: bytes, fields: dict[str, str]) -> Any:
        """POST a file as multipart/form-data."""
        boundary = secrets.token_hex(16)
        parts = []
        for key, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        safe_name = name.replace('"', "").replace("\r", "").replace("\n", "")
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{safe_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        answer = self.send(
            "POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )
        return json.loads(answer)

    def send(
        self,
        method: str,
        path: str,
        data: bytes | None = None,
        content_type: str | None = None,
        query: dict | None = None,
        headers: dict | None = None,
    ) -> bytes:
        url = self.base + path
        if query:
            given = {k: _query_value(v) for k, v in query.items() if v not in (None, "")}
            url += "?" + urllib.parse.urlencode(given)
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (http/https checked by the CLI)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.read()
        except urllib.error.HTTPError as error:
            raise _failure(error) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(f"cannot reach {self.base} (NOMENTUM_URL): {reason}") from None


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _failure(error: urllib.error.HTTPError) -> Exception:
    try:
        body = json.loads(error.read() or b"{}")
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    detail = str(body.get("detail") or error.reason)
    if error.code == 422 and isinstance(body.get("errors"), dict):
        extra = {k: v for k, v in body.items() if k not in ("detail", "errors")}
        return Invalid(body["errors"], extra=extra)
    if error.code == 404:
        return NotFound(detail)
    if error.code == 409:
        return Refused(
            detail,
            hard=not body.get("can_override", False),
            rules=body.get("rules") or [],
            alternative=body.get("alternative") or "",
        )
    if error.code == 401:
        return RemoteError("the server did not accept NOMENTUM_TOKEN (make a new one in Settings)")
    if error.code == 403:
        return RemoteError(detail)
    return RemoteError(f"the server answered {error.code}: {detail}")
