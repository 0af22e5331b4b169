"""Small synthetic evidence files: a photo-like PNG of an impact site and a patrol log."""

from __future__ import annotations

import random
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def photo(rng: random.Random, width: int = 96, height: int = 64) -> bytes:
    """Sand-coloured noise with a dark crater: a stand-in for a site photo (a few kB)."""
    cx, cy = rng.uniform(0.3, 0.7) * width, rng.uniform(0.35, 0.65) * height
    radius = rng.uniform(0.12, 0.22) * height
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            d = ((x - cx) ** 2 + ((y - cy) * 1.4) ** 2) ** 0.5 / radius
            shade = 0.35 + 0.4 * d if d < 1 else 1.0
            noise = rng.randint(-12, 12)
            rows += bytes(max(0, min(255, int(c * shade) + noise)) for c in (214, 188, 140))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) \
        + _chunk(b"IEND", b"")


def patrol_log(team: str, when: str, lines_en: list[str], lines_ar: list[str]) -> bytes:
    text = [f"PATROL LOG / سجل الدورية — {team} — {when} (SYNTHETIC DEMO DATA / بيانات تجريبية)", ""]
    text += lines_en + [""] + lines_ar + [""]
    return "\n".join(text).encode("utf-8")
