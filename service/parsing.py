"""Uploaded files are parsed in a child process with a deadline and an address-space limit.

A 5 MB PDF of drawing operators held a thread for over ten minutes and a lying DOCX grew the server to
6.4 GB (which it kept). Here each upload is read by a process forked from a small fork server (the readers
preloaded, so a fork costs milliseconds): past `seconds` it is killed, past `memory_bytes` its allocation
fails, and either way the server's own memory never held the parsed file. Over a limit the caller gets
`UnreadableInput` naming the limit (a 422).
"""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from classifier.errors import UnreadableInput, UnsupportedFormat
from classifier.schema import Advert

_PRELOAD = ["classifier.reading", "classifier.reading.docx", "classifier.reading.html", "classifier.reading.pdf"]


@dataclass(frozen=True)
class ParseLimits:
    seconds: float = 10.0
    memory_bytes: int = 1024 * 1024 * 1024


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _child(conn: Connection, data: bytes, filename: str | None, media_type: str | None, memory: int) -> None:
    """In the child: cap the address space, read the file, send back the advert or why not."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        from classifier.reading import read_bytes

        conn.send(("ok", read_bytes(data, filename=filename, media_type=media_type)))
    except UnsupportedFormat as exc:
        conn.send(("unsupported", str(exc)))
    except UnreadableInput as exc:
        conn.send(("unreadable", str(exc)))
    except MemoryError:
        conn.send(("memory", ""))
    except RecursionError:
        conn.send(("unreadable", "The file is nested too deeply to read."))
    finally:
        conn.close()


def parse_in_child(data: bytes, filename: str | None, media_type: str | None, limits: ParseLimits) -> Advert:
    """`read_bytes` in a child process under `limits`; raises `UnreadableInput` / `UnsupportedFormat`."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, data, filename, media_type, limits.memory_bytes), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise UnreadableInput(f"The file took longer than the {limits.seconds:g} s limit to read.")
        status, payload = receiver.recv()
    except EOFError:  # the child died without answering (killed by the kernel, crashed in C)
        raise UnreadableInput("The file could not be read within the memory limit.") from None
    finally:
        receiver.close()
        process.kill()
        process.join()
    if status == "ok":
        assert isinstance(payload, Advert)
        return payload
    if status == "unsupported":
        raise UnsupportedFormat(payload)
    if status == "memory":
        raise UnreadableInput(f"The file needs more than the {limits.memory_bytes // 2**20} MB memory limit to read.")
    raise UnreadableInput(payload)
