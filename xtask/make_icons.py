"""Draws the app icons (static/icons/*.png) without any image library.

Run once when the icon changes: `python3 xtask/make_icons.py`. The glyph is
an upward arrow (a backup going up) inside a ring, white on blue; the
maskable icon keeps the glyph inside the central safe zone.
"""
import math, struct, zlib, pathlib

BLUE = (29, 95, 209)
WHITE = (255, 255, 255)

def coverage(x, y, size, maskable):
    """1.0 where the white glyph is, 0.0 where the blue shows, -1 outside."""
    u, v = x / size, y / size
    if not maskable:
        # rounded square background with transparent corners
        r = 0.2
        dx = max(abs(u - 0.5) - (0.5 - r), 0)
        dy = max(abs(v - 0.5) - (0.5 - r), 0)
        if math.hypot(dx, dy) > r:
            return -1
    scale = 0.62 if maskable else 0.8
    cu, cv = (u - 0.5) / scale, (v - 0.5) / scale
    d = math.hypot(cu, cv)
    if 0.36 <= d <= 0.44:
        return 1.0  # ring
    # arrow shaft
    if abs(cu) <= 0.055 and -0.12 <= cv <= 0.24:
        return 1.0
    # arrow head: triangle pointing up, apex at (0, -0.26)
    if -0.26 <= cv <= -0.04 and abs(cu) <= (cv + 0.26) * 0.95:
        return 1.0
    return 0.0

def render(size, maskable):
    rows = []
    ss = 3
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = coverage(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss, size, maskable)
                    if c < 0:
                        continue
                    col = WHITE if c > 0.5 else BLUE
                    acc[0] += col[0]; acc[1] += col[1]; acc[2] += col[2]; acc[3] += 255
            n = ss * ss
            alpha = acc[3] / n
            if alpha == 0:
                row += bytes([0, 0, 0, 0])
            else:
                k = acc[3] / 255
                row += bytes([round(acc[0] / k), round(acc[1] / k), round(acc[2] / k), round(alpha)])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

out = pathlib.Path(__file__).resolve().parent.parent / "static" / "icons"
out.mkdir(parents=True, exist_ok=True)
(out / "icon-192.png").write_bytes(render(192, False))
(out / "icon-512.png").write_bytes(render(512, False))
(out / "maskable-512.png").write_bytes(render(512, True))
