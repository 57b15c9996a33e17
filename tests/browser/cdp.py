"""A small Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (standard library only).

Chromium reads commands from file descriptor 3 and writes answers and events to descriptor 4, each a
JSON message ended by a NUL byte. That is all the browser tests need: open a page, run script in
it, watch the network, take a screenshot; no websocket client, no browser download.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

__all__ = ["Browser", "BrowserError", "find_chromium", "launch"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or ``None``."""
    override = os.environ.get("MUTASI_OPT_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless browser with one page (the first target), driven over the pipe."""

    def __init__(self, process: subprocess.Popen[bytes], send: int, receive: int) -> None:
        self._process = process
        self._send = send
        self._receive = receive
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    # -- the protocol ---------------------------------------------------------------------------
    def _write(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._send, data)
            data = data[written:]

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("the browser did not answer in time")
            chunk = os.read(self._receive, 1 << 16)
            if not chunk:
                raise BrowserError("the browser closed its pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, *, timeout: float = 30.0,
             session: bool = True) -> dict[str, Any]:  # fmt: skip
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self._write(message)
        while True:
            answer = self._read(timeout)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str, *, timeout: float = 30.0) -> dict[str, Any]:
        """The first event named ``method`` (kept ones first)."""
        for k, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(k)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self._read(deadline - time.monotonic())
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise BrowserError(f"no {method} within {timeout} s")

    # -- what the tests use ---------------------------------------------------------------------
    def attach(self) -> None:
        """Attach to the first page and switch on the domains the tests read."""
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")

    def open(self, url: str, *, width: int = 1280, height: int = 900) -> None:
        """Load ``url`` and wait until the page has loaded."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.events = []  # what the page before did is not this page's
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired", timeout=60)

    def evaluate(self, expression: str, *, timeout: float = 30.0) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        answer = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            timeout=timeout,
        )
        if "exceptionDetails" in answer:
            raise BrowserError(f"script failed: {answer['exceptionDetails']}")
        return answer.get("result", {}).get("value")

    def requested_urls(self) -> list[str]:
        """Every URL the page asked for since it was opened (``Network.requestWillBeSent``)."""
        self.call("Runtime.evaluate", {"expression": "1"})  # collect what has arrived
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def console_errors(self) -> list[str]:
        """Uncaught exceptions the page threw."""
        return [
            str(e["params"]["exceptionDetails"].get("text", ""))
            + str(e["params"]["exceptionDetails"].get("exception", {}).get("description", ""))
            for e in self.events
            if e.get("method") == "Runtime.exceptionThrown"
        ]

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        """A PNG of the page (the viewport, or the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": metrics["width"],
                              "height": min(metrics["height"], 16000), "scale": 1}  # fmt: skip
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params, timeout=60)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """End the browser."""
        with suppress(BrowserError, OSError):
            self.call("Browser.close", session=False, timeout=5)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        for fd in (self._send, self._receive):
            with suppress(OSError):
                os.close(fd)


@contextmanager
def launch(executable: str) -> Iterator[Browser]:
    """A headless browser with a fresh profile, attached to its page; ended on exit."""
    profile = tempfile.mkdtemp(prefix="mutasi-opt-chromium-")
    # Our end writes to `to_browser` and reads `from_browser`; the browser sees them as fd 3, 4.
    command_read, command_write = os.pipe()
    answer_read, answer_write = os.pipe()

    def child_fds() -> None:
        # Through high numbers first, so that neither end lands on the other's target.
        high_read, high_write = os.dup(command_read) + 200, os.dup(answer_write) + 200
        os.dup2(command_read, high_read)
        os.dup2(answer_write, high_write)
        os.dup2(high_read, 3)
        os.dup2(high_write, 4)

    process = subprocess.Popen(
        [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # 3 and 4 are kept open in the child (they are set in child_fds, before the others close).
        pass_fds=(3, 4),
        preexec_fn=child_fds,
    )
    os.close(command_read)
    os.close(answer_write)
    browser = Browser(process, command_write, answer_read)
    try:
        browser.attach()
        yield browser
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
