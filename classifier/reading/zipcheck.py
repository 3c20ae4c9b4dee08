"""Inflate a zip's members in bounded steps before any library does, so a zip bomb costs little.

`zipfile` trusts a member's declared size, and reading a whole member inflates all of its data before cutting
it to that size: a DOCX whose headers declared 1 KB for a part that inflates to gigabytes grew the server
to 6.4 GB. Here every member is read 1 MB at a time (memory stays at one step), the total is capped, a
member whose declared size lies fails its CRC check and is refused, and so is a part compressed more than
`MAX_RATIO` to one.
"""

from __future__ import annotations

import zipfile

from classifier.errors import UnreadableInput

MAX_RATIO = 200
"""Declared size over compressed size for members over 1 MB; Word XML compresses 5-30 to one."""
_STEP = 1 << 20


def check_members(archive: zipfile.ZipFile, max_total: int, kind: str = "DOCX") -> None:
    """Refuse the archive (`UnreadableInput`) if its members lie about their size, are compressed
    suspiciously hard, or inflate to more than `max_total` bytes together."""
    total = 0
    for info in archive.infolist():
        if info.file_size > _STEP and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise UnreadableInput(f"The {kind} file has a part compressed over {MAX_RATIO} to 1 (the limit).")
        try:
            with archive.open(info) as member:
                while chunk := member.read(_STEP):
                    total += len(chunk)
                    if total > max_total:
                        raise UnreadableInput(
                            f"The {kind} file inflates to over {max_total // 2**20} MB (the limit)."
                        )
        except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise UnreadableInput(
                f"The {kind} file's parts are not what its headers declare (damaged, or a zip bomb)."
            ) from exc
