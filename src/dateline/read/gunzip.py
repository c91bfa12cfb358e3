"""Gzip decompressed as it is read, keeping what a cut-off file holds.

``gzip.GzipFile`` raises at a truncated end and the bytes decompressed before it are lost to the caller;
this stream ends quietly there instead and says so in ``truncated``, so the reader can use the readable
part and report the break. Concatenated members are read one after another, as gzip does.
"""

from __future__ import annotations

import io
import zlib
from typing import IO

_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate data
_CHUNK = 64 * 1024


class GunzipStream(io.RawIOBase):
    """The decompressed bytes of the gzip data in ``raw``; a corrupt member raises ``zlib.error``."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.truncated = False
        self._decompressor = zlib.decompressobj(_WBITS)
        self._pending = b""
        self._ready = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._ready and self._more():
            pass
        count = min(len(buffer), len(self._ready))
        buffer[:count] = self._ready[:count]
        self._ready = self._ready[count:]
        return count

    def _more(self) -> bool:
        """Decompress the next piece into ``_ready``; False at the end of the data, whole or cut off."""
        if self._decompressor.eof:
            rest = self._decompressor.unused_data or self.raw.read(_CHUNK)
            if not rest.strip(b"\x00"):  # the end, or the zero padding some tools write after the last member
                return False
            self._decompressor = zlib.decompressobj(_WBITS)
            self._pending = rest
        if not self._pending:
            self._pending = self.raw.read(_CHUNK)
            if not self._pending:
                self.truncated = True
                return False
        # Bounded output per call: a small file that inflates hugely is held one piece at a time.
        self._ready = self._decompressor.decompress(self._pending, 4 * _CHUNK)
        self._pending = self._decompressor.unconsumed_tail
        return True
