"""The real engines around `journal sync`, for the end-to-end tests: a Radicale CardDAV server on
a free localhost port with its storage in a temporary folder and no authentication, and the
vdirsyncer and khard programs installed beside this Python (the `test` extra)."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
USER, PASSWORD = "test", "secret"  # Radicale without auth takes any login as the user's name
ADDRESS_BOOK = b"""<?xml version="1.0" encoding="UTF-8"?>
<mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><set><prop>
<resourcetype><collection/><CR:addressbook/></resourcetype><displayname>Contacts</displayname>
</prop></set></mkcol>"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class Radicale:
    """A running Radicale server; `request` speaks plain HTTP to it (the test's own PUT and
    GET of a card; everything else goes through vdirsyncer)."""

    def __init__(self, port: int, process: subprocess.Popen) -> None:
        self.port = port
        self.process = process
        self.url = f"http://127.0.0.1:{port}/"

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "text/vcard; charset=utf-8") -> bytes:
        login = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        headers = {"Authorization": f"Basic {login}", "Content-Type": content_type}
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.read()

    def make_address_book(self, name: str) -> str:
        path = f"{USER}/{name}/"
        self.request("MKCOL", path, ADDRESS_BOOK, "application/xml")
        return path


@contextmanager
def radicale(storage: Path) -> Iterator[Radicale]:
    """Start Radicale on a free port (another is tried if one is taken meanwhile), wait until
    it listens, and stop it, however the test ends."""
    for _ in range(5):
        port = free_port()
        process = subprocess.Popen(
            [str(BIN / "radicale"), "--config", "", "--server-hosts", f"127.0.0.1:{port}",
             "--auth-type", "none", "--storage-filesystem-folder", str(storage),
             "--logging-level", "error"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while process.poll() is None and not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None and _listening(port):
            break
        _stop(process)
    else:
        raise RuntimeError("Radicale did not start")
    try:
        yield Radicale(port, process)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


def vdirsyncer_config(folder: Path, server: Radicale, vdir: Path, name: str = "phone") -> Path:
    """A vdirsyncer config syncing every address book of the server with folders in `vdir`;
    its status in `folder`. The README's config, pointed at the test server."""
    config = folder / f"vdirsyncer-{name}.conf"
    config.write_text(
        f'[general]\nstatus_path = "{folder / f"status-{name}"}/"\n\n'
        f'[pair contacts]\na = "{name}"\nb = "server"\ncollections = ["from a", "from b"]\n'
        'conflict_resolution = "b wins"\n\n'
        f'[storage {name}]\ntype = "filesystem"\npath = "{vdir}/"\nfileext = ".vcf"\n\n'
        f'[storage server]\ntype = "carddav"\nurl = "{server.url}"\n'
        f'username = "{USER}"\npassword = "{PASSWORD}"\n',
        encoding="utf-8",
    )
    return config


def run_tool(name: str, *args: str, stdin: str = "", home: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run vdirsyncer or khard from this Python's environment; fail with its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNAL_", "XDG_"))}
    if home is not None:
        env["HOME"] = str(home)
    done = subprocess.run(
        [str(BIN / name), *args], input=stdin, capture_output=True, text=True, env=env,
        timeout=60,
    )
    assert done.returncode == 0, f"{name} {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done
