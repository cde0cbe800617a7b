#!/usr/bin/env python3
"""Draw the sample illustrations used by the sample news posts.

Every picture is drawn with Pillow from simple shapes (nothing is downloaded), so the
output is the same on every run. Pictures are 1200x675; photo-like scenes are saved as
JPEG, charts, diagrams and posters as PNG. The script also draws the site emblem
(content/images/site/quoc-huy.png, 256x256, transparent background).

Usage (from the project root):  python scripts/make_sample_images.py
It checks that every image referenced under content/news/ has a drawing recipe here.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "sites" / "lang-son" / "content"
W, H = 1200, 675
S = 2  # supersampling factor: draw at 2x, then downscale for smooth edges
CAPTION = "Ảnh minh họa"

FONT_CANDIDATES = {
    "regular": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/noto/NotoSans-Bold.ttf",
    ],
}
_font_cache: dict[tuple[str, int], ImageFont.ImageFont] = {}


def font(size: int, weight: str = "regular"):
    """A font with Vietnamese glyphs if one is installed, else Pillow's default font."""
    key = (weight, size)
    if key not in _font_cache:
        chosen = None
        for path in FONT_CANDIDATES[weight]:
            if Path(path).exists():
                chosen = ImageFont.truetype(path, size)
                break
        if chosen is None:
            chosen = ImageFont.load_default(size=size)
        _font_cache[key] = chosen
    return _font_cache[key]


# --------------------------------------------------------------------------- helpers
def rng_for(name: str) -> random.Random:
    seed = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:16], 16)
    return random.Random(seed)


def mix(c1, c2, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2, strict=True))


def shade(c, f):
    return tuple(max(0, min(255, int(v * f))) for v in c)


class Canvas:
    """Drawing surface using 1200x675 coordinates, rendered at S times the size."""

    def __init__(self, bg=(240, 240, 240)):
        self.img = Image.new("RGB", (W * S, H * S), bg)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _p(xy):
        return [v * S for v in xy]

    def rect(self, xy, fill=None, outline=None, width=1, radius=0):
        if radius:
            self.d.rounded_rectangle(
                self._p(xy), radius=radius * S, fill=fill, outline=outline, width=width * S
            )
        else:
            self.d.rectangle(self._p(xy), fill=fill, outline=outline, width=width * S)

    def ellipse(self, xy, fill=None, outline=None, width=1):
        self.d.ellipse(self._p(xy), fill=fill, outline=outline, width=width * S)

    def poly(self, pts, fill=None, outline=None):
        self.d.polygon([(x * S, y * S) for x, y in pts], fill=fill, outline=outline)

    def line(self, pts, fill, width=1):
        self.d.line([(x * S, y * S) for x, y in pts], fill=fill, width=width * S)

    def text(self, xy, s, size, fill, weight="regular", anchor="la"):
        self.d.text((xy[0] * S, xy[1] * S), s, font=font(size * S, weight), fill=fill, anchor=anchor)

    def text_width(self, s, size, weight="regular"):
        return self.d.textlength(s, font=font(size * S, weight)) / S

    def vgradient(self, box, top, bottom):
        x0, y0, x1, y1 = box
        steps = max(1, int(y1 - y0))
        for i in range(steps):
            c = mix(top, bottom, i / steps)
            self.d.rectangle([x0 * S, (y0 + i) * S, x1 * S, (y0 + i + 1) * S], fill=c)

    def fit_text(self, s, max_w, size, weight="bold", min_size=12):
        while size > min_size and self.text_width(s, size, weight) > max_w:
            size -= 1
        return size

    def finish(self) -> Image.Image:
        img = self.img.resize((W, H), Image.LANCZOS)
        return add_caption(img)


def add_caption(img: Image.Image) -> Image.Image:
    """Small 'Ảnh minh họa' label in the bottom-right corner."""
    d = ImageDraw.Draw(img, "RGBA")
    f = font(18)
    tw = d.textlength(CAPTION, font=f)
    x1, y1 = W - 14, H - 14
    x0, y0 = x1 - tw - 24, y1 - 34
    d.rounded_rectangle([x0, y0, x1, y1], radius=8, fill=(0, 0, 0, 150))
    d.text(((x0 + x1) / 2, (y0 + y1) / 2), CAPTION, font=f, fill=(255, 255, 255, 255), anchor="mm")
    return img


PALETTES = [
    # (wall, accent, banner, floor)
    ((236, 229, 214), (176, 32, 38), (180, 28, 34), (150, 112, 80)),
    ((225, 232, 240), (22, 86, 150), (170, 25, 30), (120, 96, 76)),
    ((238, 234, 224), (0, 110, 90), (160, 30, 40), (140, 105, 70)),
    ((232, 226, 236), (96, 60, 140), (175, 35, 35), (110, 88, 70)),
    ((242, 236, 226), (190, 120, 20), (168, 22, 30), (130, 98, 64)),
]
SKIN = [(241, 200, 170), (226, 180, 145), (205, 160, 125), (235, 190, 160)]
HAIR = [(35, 30, 28), (55, 40, 30), (20, 20, 20), (80, 60, 45), (150, 150, 150)]
SHIRTS = [
    (255, 255, 255),
    (225, 235, 245),
    (40, 60, 100),
    (60, 90, 70),
    (200, 200, 205),
    (150, 40, 45),
    (230, 230, 215),
    (70, 75, 85),
]
UNIFORM = (38, 66, 48)  # dark green, like a civil-enforcement uniform


def person(c: Canvas, x, y, scale, rng, shirt=None, facing_front=True):
    """A simple seated/standing person: head + shoulders; (x, y) is the neck point."""
    shirt = shirt or rng.choice(SHIRTS)
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    r = 22 * scale
    bw = 58 * scale
    c.rect((x - bw, y + 6 * scale, x + bw, y + 120 * scale), fill=shirt, radius=int(26 * scale))
    if facing_front:
        c.poly(
            [(x - 12 * scale, y + 6 * scale), (x + 12 * scale, y + 6 * scale), (x, y + 30 * scale)], fill=skin
        )
    c.ellipse((x - r, y - 2 * r, x + r, y + 4 * scale), fill=skin)
    if facing_front:
        c.d.chord(
            [
                (x - r - 2 * scale) * S,
                (y - 2 * r - 4 * scale) * S,
                (x + r + 2 * scale) * S,
                (y - 2 * r + 34 * scale) * S,
            ],
            180,
            360,
            fill=hair,
        )
    else:
        c.ellipse((x - r - 1, y - 2 * r - 2, x + r + 1, y + 2), fill=hair)


def flag_vn(c: Canvas, x, y, w):
    h = w * 2 / 3
    c.rect((x, y, x + w, y + h), fill=(218, 37, 29))
    star(c, x + w / 2, y + h / 2, h * 0.3, (255, 221, 0))


def star(c: Canvas, cx, cy, r, fill):
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    c.poly(pts, fill=fill)


def wrap(c: Canvas, s, max_w, size, weight="regular"):
    words, lines, cur = s.split(), [], ""
    for w_ in words:
        t = (cur + " " + w_).strip()
        if c.text_width(t, size, weight) <= max_w:
            cur = t
        else:
            lines.append(cur)
            cur = w_
    if cur:
        lines.append(cur)
    return lines


# --------------------------------------------------------------------------- scenes
def scene_meeting(name, spec):
    """Conference room: red banner with title, flag, lectern, rows of participants."""
    rng = rng_for(name)
    wall, accent, banner, floor = rng.choice(PALETTES)
    c = Canvas(wall)
    c.vgradient((0, 0, W, 430), shade(wall, 1.02), shade(wall, 0.9))
    c.vgradient((0, 430, W, H), floor, shade(floor, 0.7))
    # stage
    c.rect((60, 330, W - 60, 430), fill=shade(floor, 1.15))
    # banner
    bx0, by0, bx1, by1 = 150, 40, W - 150, 190
    c.rect((bx0, by0, bx1, by1), fill=banner)
    c.rect((bx0 + 8, by0 + 8, bx1 - 8, by1 - 8), outline=(255, 215, 0), width=2)
    lines = spec["banner"]
    top = lines[0]
    size = c.fit_text(top, bx1 - bx0 - 60, 22, "regular")
    c.text(((bx0 + bx1) / 2, by0 + 32), top, size, (255, 236, 150), anchor="mm")
    ys = [by0 + 80, by0 + 118] if len(lines) > 2 else [by0 + 95]
    for ln, yy in zip(lines[1:], ys, strict=False):
        sz = c.fit_text(ln, bx1 - bx0 - 60, 34)
        c.text(((bx0 + bx1) / 2, yy), ln, sz, (255, 236, 150), "bold", anchor="mm")
    flag_vn(c, 60, 60, 70)
    # head table with speakers
    c.rect((250, 285, 950, 345), fill=(250, 250, 248))
    c.rect((250, 285, 950, 300), fill=accent)
    for i in range(5):
        x = 330 + i * 135
        person(c, x, 230, 0.55, rng, shirt=rng.choice([(255, 255, 255), UNIFORM]))
        c.rect((x - 18, 268, x + 18, 285), fill=(245, 245, 245), outline=(120, 120, 120))
        c.rect((x - 30, 276, x - 22, 286), fill=(200, 40, 40))  # flower
    # lectern
    c.rect((1000, 250, 1080, 380), fill=shade(floor, 0.9))
    c.ellipse((1020, 232, 1060, 252), fill=(200, 40, 60))
    # audience rows (seen from behind)
    rows = spec.get("rows", 3)
    for r_ in range(rows):
        y = 470 + r_ * 70
        n = 9 + r_
        for i in range(n):
            x = 90 + i * (W - 180) / (n - 1) + rng.uniform(-8, 8)
            person(
                c,
                x,
                y,
                0.75 + 0.12 * r_,
                rng,
                shirt=rng.choice(SHIRTS + [UNIFORM, UNIFORM]),
                facing_front=False,
            )
        c.rect((40, y + 50 + r_ * 8, W - 40, y + 64 + r_ * 8), fill=shade(floor, 0.55))
    return c


def scene_award(name, spec):
    """Award ceremony: row of people holding certificates and flowers on a stage."""
    rng = rng_for(name)
    wall, accent, banner, floor = rng.choice(PALETTES)
    c = Canvas(banner)
    c.vgradient((0, 0, W, 480), shade(banner, 1.1), shade(banner, 0.75))
    c.text(
        (W / 2, 70),
        spec["banner"][0],
        c.fit_text(spec["banner"][0], 1000, 26, "regular"),
        (255, 230, 140),
        anchor="mm",
    )
    c.text(
        (W / 2, 125),
        spec["banner"][1],
        c.fit_text(spec["banner"][1], 1050, 42),
        (255, 230, 140),
        "bold",
        anchor="mm",
    )
    star(c, 110, 100, 45, (255, 215, 0))
    star(c, W - 110, 100, 45, (255, 215, 0))
    c.vgradient((0, 480, W, H), shade(floor, 1.1), shade(floor, 0.6))
    n = 7
    for i in range(n):
        x = 140 + i * (W - 280) / (n - 1)
        person(
            c,
            x,
            300 + rng.uniform(-8, 8),
            1.15,
            rng,
            shirt=rng.choice([(255, 255, 255), UNIFORM, (40, 50, 80)]),
        )
        # certificate
        c.rect((x - 42, 360, x + 42, 420), fill=(255, 250, 235), outline=(200, 160, 40), width=3)
        c.rect((x - 30, 372, x + 30, 378), fill=(200, 40, 40))
        for k in range(3):
            c.rect((x - 30, 388 + k * 9, x + 30, 392 + k * 9), fill=(190, 180, 160))
        # flowers
        fx = x + 38
        for k in range(5):
            c.ellipse(
                (fx - 14 + (k % 3) * 10, 330 + (k // 3) * 12, fx + (k % 3) * 10, 344 + (k // 3) * 12),
                fill=rng.choice([(230, 60, 90), (250, 200, 60), (240, 120, 140)]),
            )
        c.poly([(fx - 4, 356), (fx + 14, 356), (fx + 4, 400)], fill=(60, 130, 60))
    c.rect((0, 430, W, 480), fill=shade(floor, 0.8))
    return c


def scene_office(name, spec):
    """Reception / citizen-reception room: desk, officer, citizens, wall board."""
    rng = rng_for(name)
    wall, accent, banner, floor = rng.choice(PALETTES)
    c = Canvas(wall)
    c.vgradient((0, 0, W, 470), shade(wall, 1.03), shade(wall, 0.88))
    c.vgradient((0, 470, W, H), floor, shade(floor, 0.65))
    # wall sign
    c.rect((300, 40, 900, 120), fill=accent, radius=8)
    sz = c.fit_text(spec["sign"], 560, 34)
    c.text((600, 80), spec["sign"], sz, (255, 255, 255), "bold", anchor="mm")
    # notice board
    c.rect((60, 160, 300, 360), fill=(250, 250, 245), outline=shade(accent, 0.7), width=4)
    for k in range(8):
        c.rect((80, 185 + k * 20, 80 + rng.randint(120, 200), 193 + k * 20), fill=(170, 170, 175))
    # window
    c.rect((900, 160, 1130, 360), fill=(190, 220, 240), outline=(255, 255, 255), width=8)
    c.line([(1015, 160), (1015, 360)], (255, 255, 255), 6)
    c.poly([(900, 300), (960, 250), (1030, 290), (1130, 230), (1130, 360), (900, 360)], fill=(120, 170, 120))
    flag_vn(c, 470, 150, 60)
    # officer behind the desk
    person(c, 600, 330, 1.0, rng, shirt=UNIFORM)
    c.rect((400, 400, 800, 520), fill=shade(floor, 1.25))
    c.rect((400, 400, 800, 414), fill=shade(floor, 1.45))
    c.rect((440, 370, 540, 405), fill=(60, 60, 70))  # monitor
    c.rect((480, 405, 500, 412), fill=(60, 60, 70))
    c.rect((620, 390, 700, 402), fill=(255, 255, 255))  # papers
    # citizens (backs)
    for x in (470, 730):
        person(c, x + rng.uniform(-10, 10), 520, 1.2, rng, facing_front=False)
    # chairs row at left
    for k in range(3):
        c.rect((90 + k * 90, 520, 160 + k * 90, 560), fill=(90, 110, 150), radius=6)
    return c


def scene_building(name, spec):
    """Front view of a government building with flag pole, trees and a sign."""
    rng = rng_for(name)
    c = Canvas()
    c.vgradient((0, 0, W, 500), (120, 175, 225), (215, 235, 248))
    for _ in range(4):  # clouds
        x, y = rng.randint(80, 1100), rng.randint(40, 160)
        for j in range(4):
            c.ellipse((x + j * 35 - 50, y - 20 + (j % 2) * 10, x + j * 35 + 30, y + 30), fill=(250, 250, 252))
    c.poly(
        [
            (0, 430),
            (200, 330),
            (380, 400),
            (600, 320),
            (820, 390),
            (1000, 330),
            (1200, 410),
            (1200, 500),
            (0, 500),
        ],
        fill=(110, 150, 120),
    )
    c.rect((0, 500, W, H), fill=(170, 170, 165))
    c.rect((0, 490, W, 510), fill=(120, 160, 90))
    # main building
    bx0, bx1, by0, by1 = 260, 940, 190, 500
    c.rect((bx0, by0, bx1, by1), fill=(245, 236, 200))
    c.poly([(bx0 - 30, by0), (600, 120), (bx1 + 30, by0)], fill=(180, 60, 50))
    for fl in range(3):
        for k in range(8):
            x = bx0 + 40 + k * 80
            y = by0 + 30 + fl * 95
            c.rect((x, y, x + 45, y + 60), fill=(120, 160, 195), outline=(255, 255, 255), width=3)
    # portico
    c.rect((520, 250, 680, 500), fill=(250, 244, 220))
    c.poly([(505, 250), (600, 205), (695, 250)], fill=(200, 70, 60))
    star(c, 600, 232, 12, (255, 215, 0))
    for k in range(4):
        c.rect((530 + k * 42, 270, 548 + k * 42, 500), fill=(255, 255, 250))
    c.rect((560, 420, 640, 500), fill=(120, 80, 50))
    # sign
    c.rect((330, 515, 870, 575), fill=(170, 25, 30))
    sz = c.fit_text(spec["sign"], 510, 26)
    c.text((600, 545), spec["sign"], sz, (255, 230, 140), "bold", anchor="mm")
    # flag pole
    c.rect((180, 150, 186, 520), fill=(200, 200, 205))
    flag_vn(c, 186, 150, 90)
    # trees
    for x in (80, 1080, 1150):
        c.rect((x - 8, 420, x + 8, 500), fill=(100, 70, 45))
        c.ellipse((x - 55, 330, x + 55, 440), fill=(70, 130, 70))
    return c


def scene_land(name, spec):
    """Hilly field with boundary markers, officials in uniform and a measuring tape."""
    rng = rng_for(name)
    c = Canvas()
    sky_top = rng.choice([(140, 185, 230), (160, 195, 225), (185, 205, 225)])
    c.vgradient((0, 0, W, 320), sky_top, (225, 235, 240))
    colors = [(95, 140, 95), (120, 160, 100), (80, 125, 85)]
    for k in range(3):
        base = 230 + k * 40
        pts = [(0, base + rng.randint(0, 40))]
        for x in range(0, W + 100, 150):
            pts.append((x, base + rng.randint(-60, 30)))
        pts += [(W, 360), (0, 360)]
        c.poly(pts, fill=colors[k])
    c.vgradient((0, 320, W, H), (150, 180, 95), (110, 140, 70))
    # rows of crops / trees
    for r_ in range(4):
        y = 360 + r_ * 60
        for k in range(14):
            x = 30 + k * 90 + (r_ % 2) * 45
            c.ellipse(
                (x - 20 - r_ * 3, y - 14, x + 20 + r_ * 3, y + 14 + r_ * 3), fill=(70 + r_ * 5, 120, 60)
            )
    # boundary markers and tape
    marks = [(220, 440), (520, 420), (860, 450), (1040, 560)]
    c.line(marks, (250, 250, 250), 3)
    for x, y in marks:
        c.rect((x - 7, y - 40, x + 7, y + 5), fill=(230, 230, 225))
        c.rect((x - 7, y - 40, x + 7, y - 28), fill=(210, 40, 40))
    # people
    group = spec.get("people", 6)
    for k in range(group):
        x = 300 + k * 95 + rng.uniform(-15, 15)
        person(
            c, x, 470 + rng.uniform(-10, 10), 0.9, rng, shirt=UNIFORM if k % 2 == 0 else rng.choice(SHIRTS)
        )
    if spec.get("handover"):
        c.rect((640, 520, 720, 570), fill=(255, 255, 250), outline=(150, 150, 150), width=2)
    return c


def scene_village(name, spec):
    """Village house on stilts among hills, people gathered in front, loudspeaker pole."""
    rng = rng_for(name)
    c = Canvas()
    c.vgradient((0, 0, W, 360), (175, 205, 230), (235, 238, 235))
    for k, col in enumerate([(120, 150, 130), (90, 130, 100)]):
        pts = [(0, 260 + k * 40)]
        for x in range(0, W + 120, 120):
            pts.append((x, 200 + k * 50 + rng.randint(-50, 40)))
        pts += [(W, 400), (0, 400)]
        c.poly(pts, fill=col)
    c.vgradient((0, 380, W, H), (175, 160, 120), (140, 120, 85))
    # stilt house / cultural house
    hx0, hx1 = 330, 870
    c.rect((hx0, 250, hx1, 390), fill=(170, 120, 75))
    c.poly([(hx0 - 50, 255), (600, 150), (hx1 + 50, 255)], fill=(110, 70, 50))
    for k in range(6):
        c.rect((hx0 + 30 + k * 90, 390, hx0 + 44 + k * 90, 440), fill=(120, 85, 55))
    c.rect((450, 200 + 70, 750, 330), fill=(190, 30, 35))
    sz = c.fit_text(spec["sign"], 280, 20)
    c.text((600, 300), spec["sign"], sz, (255, 230, 140), "bold", anchor="mm")
    # loudspeaker pole
    c.rect((1000, 160, 1008, 470), fill=(110, 110, 115))
    for dy in (160, 190):
        c.poly([(1008, dy), (1060, dy - 18), (1060, dy + 28), (1008, dy + 10)], fill=(200, 200, 205))
    # table with speaker
    c.rect((520, 470, 700, 520), fill=(230, 230, 225))
    person(c, 610, 420, 0.85, rng, shirt=UNIFORM)
    # audience on low stools, backs
    for r_ in range(2):
        for k in range(8):
            x = 180 + k * 120 + r_ * 50 + rng.uniform(-10, 10)
            person(
                c,
                x,
                540 + r_ * 55,
                0.95 + 0.1 * r_,
                rng,
                shirt=rng.choice([(40, 50, 90), (30, 30, 35), (70, 90, 140), (160, 60, 60), (230, 230, 220)]),
                facing_front=False,
            )
    return c


def scene_school(name, spec):
    """Small mountain school, children and volunteers with gift bags."""
    rng = rng_for(name)
    c = Canvas()
    c.vgradient((0, 0, W, 380), (150, 195, 235), (230, 240, 245))
    pts = [(0, 300)] + [(x, 220 + rng.randint(-60, 30)) for x in range(0, W + 150, 150)]
    c.poly(pts + [(W, 420), (0, 420)], fill=(90, 140, 100))
    c.vgradient((0, 400, W, H), (190, 170, 130), (160, 140, 100))
    c.rect((250, 230, 950, 410), fill=(245, 225, 160))
    c.poly([(220, 235), (600, 160), (980, 235)], fill=(180, 70, 55))
    for k in range(6):
        c.rect(
            (290 + k * 110, 270, 350 + k * 110, 340), fill=(130, 170, 200), outline=(255, 255, 255), width=3
        )
    c.rect((420, 190 + 5, 780, 228), fill=(30, 90, 160))
    sz = c.fit_text(spec["sign"], 340, 20)
    c.text((600, 212), spec["sign"], sz, (255, 255, 255), "bold", anchor="mm")
    c.rect((150, 150, 156, 420), fill=(200, 200, 205))
    flag_vn(c, 156, 150, 80)
    # volunteers (blue shirts) and children (white shirts, red scarves)
    for k in range(5):
        x = 200 + k * 200
        person(c, x, 430, 1.05, rng, shirt=(30, 110, 200))
    for k in range(9):
        x = 130 + k * 115 + rng.uniform(-10, 10)
        person(c, x, 520, 0.75, rng, shirt=(250, 250, 250))
        c.poly([(x - 12, 526), (x + 12, 526), (x, 545)], fill=(210, 30, 30))
        c.rect(
            (x + 22, 560, x + 52, 600),
            fill=rng.choice([(240, 90, 60), (60, 140, 220), (250, 190, 40)]),
            radius=5,
        )
    return c


def scene_chart(name, spec):
    """Bar chart comparing two series (e.g. two years) for a few indicators."""
    rng = rng_for(name)
    bg = rng.choice([(248, 249, 252), (250, 248, 243), (244, 248, 246)])
    c = Canvas(bg)
    c.rect((0, 0, W, 90), fill=spec.get("head", (160, 28, 34)))
    sz = c.fit_text(spec["title"], W - 80, 34)
    c.text((W / 2, 45), spec["title"], sz, (255, 255, 255), "bold", anchor="mm")
    x0, y0, x1, y1 = 140, 140, 1080, 560
    for k in range(6):
        y = y1 - k * (y1 - y0) / 5
        c.line([(x0, y), (x1, y)], (210, 210, 215), 1)
        c.text((x0 - 15, y), f"{k * 20}%", 18, (90, 90, 100), anchor="rm")
    c.line([(x0, y0), (x0, y1), (x1, y1)], (80, 80, 90), 2)
    groups = spec["groups"]
    series = spec["series"]
    cols = spec.get("colors", [(110, 140, 180), (200, 50, 50), (230, 160, 40)])
    gw = (x1 - x0) / len(groups)
    bw = gw * 0.7 / len(series)
    for gi, (label, values) in enumerate(groups):
        gx = x0 + gi * gw + gw * 0.15
        for si, v in enumerate(values):
            bx = gx + si * bw
            top = y1 - (y1 - y0) * v / 100
            c.rect((bx + 4, top, bx + bw - 4, y1), fill=cols[si])
            c.text(
                (bx + bw / 2, top - 8), f"{v:.1f}%".replace(".", ","), 18, (40, 40, 50), "bold", anchor="md"
            )
        c.text((x0 + gi * gw + gw / 2, y1 + 30), label, 22, (40, 40, 50), "bold", anchor="mm")
    lx = 180
    for si, sname in enumerate(series):
        c.rect((lx, 605, lx + 28, 629), fill=cols[si])
        c.text((lx + 38, 617), sname, 20, (50, 50, 60), anchor="lm")
        lx += 60 + c.text_width(sname, 20)
    return c


def scene_progress(name, spec):
    """Dashboard-like picture: two big progress rings and a small trend line."""
    rng = rng_for(name)
    c = Canvas((245, 247, 250))
    c.rect((0, 0, W, 90), fill=spec.get("head", (22, 86, 150)))
    sz = c.fit_text(spec["title"], W - 80, 32)
    c.text((W / 2, 45), spec["title"], sz, (255, 255, 255), "bold", anchor="mm")
    for k, (label, val, col) in enumerate(spec["rings"]):
        cx, cy, r = 250 + k * 350, 330, 130
        c.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(220, 224, 230), width=30)
        c.d.arc(
            [(cx - r) * S, (cy - r) * S, (cx + r) * S, (cy + r) * S],
            -90,
            -90 + 360 * val / 100,
            fill=col,
            width=30 * S,
        )
        c.text((cx, cy), f"{val:.1f}%".replace(".", ","), 44, (40, 40, 50), "bold", anchor="mm")
        c.text((cx, cy + r + 45), label, 24, (60, 60, 70), anchor="mm")
    # trend line panel
    px0, py0, px1, py1 = 820, 170, 1140, 470
    c.rect((px0, py0, px1, py1), fill=(255, 255, 255), outline=(215, 220, 228), width=2, radius=12)
    pts, v = [], 20.0
    for i in range(11):
        v += rng.uniform(4, 9)
        pts.append((px0 + 25 + i * 27, py1 - 25 - (py1 - py0 - 60) * min(v, 95) / 100))
    c.line(pts, (200, 50, 50), 4)
    for p in pts:
        c.ellipse((p[0] - 5, p[1] - 5, p[0] + 5, p[1] + 5), fill=(200, 50, 50))
    c.text(
        (px0 + 20, py0 + 22), spec.get("trend", "Tiến độ theo tháng"), 20, (60, 60, 70), "bold", anchor="lm"
    )
    return c


def scene_screen(name, spec):
    """Laptop on a desk showing an online-service form; phone with a QR code."""
    rng = rng_for(name)
    wall = rng.choice([(225, 235, 245), (235, 232, 226), (228, 238, 232)])
    c = Canvas(wall)
    c.vgradient((0, 480, W, H), (175, 135, 95), (140, 100, 70))
    # laptop
    c.rect((300, 90, 900, 470), fill=(50, 55, 65), radius=14)
    c.rect((320, 110, 880, 450), fill=(250, 251, 253))
    c.rect((320, 110, 880, 160), fill=(170, 30, 35))
    sz = c.fit_text(spec["screen"], 520, 24)
    c.text((600, 135), spec["screen"], sz, (255, 255, 255), "bold", anchor="mm")
    for k in range(5):
        y = 185 + k * 48
        c.rect((350, y, 480, y + 12), fill=(150, 155, 165))
        c.rect((500, y - 6, 850, y + 22), fill=(255, 255, 255), outline=(190, 195, 205), width=2)
    c.rect((690, 410, 850, 440), fill=(22, 120, 70), radius=6)
    c.text((770, 425), spec.get("button", "Gửi hồ sơ"), 18, (255, 255, 255), "bold", anchor="mm")
    c.poly([(250, 470), (950, 470), (1000, 510), (200, 510)], fill=(90, 95, 105))
    # phone with QR
    c.rect((1000, 300, 1120, 520), fill=(30, 30, 35), radius=16)
    c.rect((1010, 320, 1110, 500), fill=(255, 255, 255))
    for i in range(9):
        for j in range(9):
            if rng.random() < 0.5 or (i < 3 and j < 3) or (i < 3 and j > 5) or (i > 5 and j < 3):
                c.rect((1020 + i * 9, 365 + j * 9, 1028 + i * 9, 373 + j * 9), fill=(20, 20, 20))
    # cup and plant
    c.rect((120, 420, 190, 500), fill=(250, 250, 250), radius=8)
    c.ellipse((180, 440, 215, 475), outline=(250, 250, 250), width=6)
    c.rect((1150 - 60, 420, 1150, 500), fill=(200, 120, 70))
    for k in range(5):
        c.ellipse((1085 + k * 8 - 20, 350 + (k % 2) * 20, 1085 + k * 8 + 20, 430), fill=(70, 140, 80))
    return c


def scene_documents(name, spec):
    """Stacks of paper files turning into a digital archive (folders on a screen)."""
    rng = rng_for(name)
    c = Canvas(rng.choice([(236, 242, 248), (242, 240, 234)]))
    c.rect((0, 0, W, 80), fill=(22, 86, 150))
    c.text(
        (W / 2, 40), spec["title"], c.fit_text(spec["title"], 1100, 30), (255, 255, 255), "bold", anchor="mm"
    )
    # paper stacks
    for s_ in range(3):
        x = 90 + s_ * 150
        for k in range(12):
            col = rng.choice([(250, 245, 225), (240, 230, 200), (255, 255, 250)])
            c.rect(
                (x + rng.uniform(-6, 6), 520 - k * 22, x + 120 + rng.uniform(-6, 6), 540 - k * 22),
                fill=col,
                outline=(180, 170, 150),
            )
    # arrow
    c.poly(
        [(560, 330), (660, 330), (660, 300), (720, 360), (660, 420), (660, 390), (560, 390)],
        fill=(200, 50, 50),
    )
    # screen with folders
    c.rect((760, 140, 1130, 520), fill=(45, 50, 60), radius=12)
    c.rect((775, 155, 1115, 505), fill=(250, 251, 253))
    for i in range(3):
        for j in range(3):
            fx, fy = 800 + i * 105, 185 + j * 105
            c.rect((fx, fy + 10, fx + 80, fy + 65), fill=(245, 190, 60), radius=6)
            c.rect((fx, fy, fx + 35, fy + 16), fill=(235, 170, 40), radius=4)
            c.rect((fx + 10, fy + 72, fx + 70, fy + 80), fill=(160, 165, 175))
    return c


def scene_document(name, spec):
    """A printed legal document (with national motto) and a pen, optionally a gavel."""
    rng = rng_for(name)
    c = Canvas(rng.choice([(120, 85, 60), (95, 110, 125), (70, 90, 80)]))
    c.vgradient((0, 0, W, H), shade(c.img.getpixel((0, 0)), 1.15), c.img.getpixel((0, 0)))
    # paper
    px0, py0, px1, py1 = 300, 40, 860, 660
    c.rect((px0 + 12, py0 + 12, px1 + 12, py1 + 12), fill=(0, 0, 0))
    c.rect((px0, py0, px1, py1), fill=(255, 254, 248))
    for k, ln in enumerate(spec.get("issuer", ["THI HÀNH ÁN DÂN SỰ", "TỈNH LẠNG SƠN"])):
        c.text((px0 + 130, py0 + 40 + k * 20), ln, 13, (30, 30, 30), "bold", anchor="mm")
    c.text((px1 - 170, py0 + 40), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, (30, 30, 30), "bold", anchor="mm")
    c.text((px1 - 170, py0 + 60), "Độc lập - Tự do - Hạnh phúc", 13, (30, 30, 30), "bold", anchor="mm")
    c.line([(px1 - 250, py0 + 72), (px1 - 90, py0 + 72)], (30, 30, 30), 1)
    y = py0 + 130
    for ln in spec["doc"]:
        sz = c.fit_text(ln, px1 - px0 - 80, 28)
        c.text(((px0 + px1) / 2, y), ln, sz, (150, 20, 25), "bold", anchor="mm")
        y += 42
    y += 20
    for k in range(14):
        w_ = rng.randint(330, 470) if k % 5 != 4 else rng.randint(150, 260)
        c.rect((px0 + 50, y, px0 + 50 + w_, y + 8), fill=(170, 170, 175))
        y += 25
    c.ellipse((px1 - 190, py1 - 150, px1 - 80, py1 - 40), outline=(200, 30, 30), width=4)
    star(c, px1 - 135, py1 - 95, 20, (200, 30, 30))
    # pen
    c.poly([(900, 560), (1120, 340), (1140, 360), (920, 580)], fill=(30, 40, 80))
    c.poly([(900, 560), (920, 580), (885, 595)], fill=(220, 190, 120))
    if spec.get("gavel"):
        c.poly([(80, 560), (240, 400), (262, 422), (102, 582)], fill=(120, 70, 35))
        c.poly([(190, 330), (290, 430), (330, 390), (230, 290)], fill=(140, 85, 45))
        c.rect((60, 600, 240, 640), fill=(110, 65, 35), radius=6)
    return c


def scene_flow(name, spec):
    """Simple flowchart of numbered steps."""
    rng = rng_for(name)
    c = Canvas((247, 249, 252))
    c.rect((0, 0, W, 90), fill=(160, 28, 34))
    c.text(
        (W / 2, 45), spec["title"], c.fit_text(spec["title"], 1100, 32), (255, 255, 255), "bold", anchor="mm"
    )
    steps = spec["steps"]
    n = len(steps)
    bw, gap = 200, (W - 80 - n * 200) / (n - 1)
    cols = [(22, 86, 150), (0, 120, 100), (190, 120, 20), (96, 60, 140), (170, 30, 40)]
    rng.shuffle(cols)
    for i, st in enumerate(steps):
        x = 40 + i * (bw + gap)
        col = cols[i % len(cols)]
        c.rect((x, 200, x + bw, 470), fill=(255, 255, 255), outline=col, width=4, radius=18)
        c.ellipse((x + bw / 2 - 38, 160, x + bw / 2 + 38, 236), fill=col)
        c.text((x + bw / 2, 198), str(i + 1), 36, (255, 255, 255), "bold", anchor="mm")
        yy = 270
        for ln in wrap(c, st, bw - 30, 22, "bold"):
            c.text((x + bw / 2, yy), ln, 22, (40, 40, 50), "bold", anchor="mm")
            yy += 32
        if i < n - 1:
            ax = x + bw + 8
            c.poly(
                [
                    (ax, 325),
                    (ax + gap - 26, 325),
                    (ax + gap - 26, 310),
                    (ax + gap - 6, 335),
                    (ax + gap - 26, 360),
                    (ax + gap - 26, 345),
                    (ax, 345),
                ],
                fill=(150, 155, 165),
            )
    c.text((W / 2, 540), spec.get("note", ""), 22, (80, 80, 90), anchor="mm")
    return c


def scene_poster(name, spec):
    """Poster/banner with big slogan, stars and a stylised scale of justice."""
    rng = rng_for(name)
    top, bottom = spec.get("colors", ((190, 25, 35), (120, 10, 20)))
    c = Canvas(top)
    c.vgradient((0, 0, W, H), top, bottom)
    for _ in range(30):
        x, y = rng.randint(0, W), rng.randint(0, H)
        r = rng.randint(3, 9)
        star(c, x, y, r, (255, 200, 80))
    # scale of justice
    cx, cy = 220, 330
    gold = (255, 215, 0)
    c.rect((cx - 6, cy - 130, cx + 6, cy + 130), fill=gold)
    c.rect((cx - 70, cy + 125, cx + 70, cy + 145), fill=gold, radius=6)
    c.rect((cx - 130, cy - 110, cx + 130, cy - 98), fill=gold)
    for sx in (cx - 120, cx + 120):
        c.line([(sx, cy - 100), (sx - 40, cy)], gold, 3)
        c.line([(sx, cy - 100), (sx + 40, cy)], gold, 3)
        c.d.chord([(sx - 55) * S, (cy - 25) * S, (sx + 55) * S, (cy + 30) * S], 0, 180, fill=gold)
    c.ellipse((cx - 18, cy - 150, cx + 18, cy - 114), fill=gold)
    y = 200
    for i, ln in enumerate(spec["lines"]):
        size = 30 if i == 0 else 46
        weight = "regular" if i == 0 else "bold"
        size = c.fit_text(ln, 760, size, weight)
        c.text((780, y), ln, size, (255, 235, 150) if i else (255, 255, 255), weight, anchor="mm")
        y += 80 if i else 70
    c.rect((430, y + 10, 1130, y + 14), fill=gold)
    if spec.get("sub"):
        c.text(
            (780, y + 55),
            spec["sub"],
            c.fit_text(spec["sub"], 700, 26, "regular"),
            (255, 255, 255),
            anchor="mm",
        )
    return c


def scene_network(name, spec):
    """Digital transformation: connected nodes around a central cloud/shield."""
    rng = rng_for(name)
    c = Canvas((14, 40, 80))
    c.vgradient((0, 0, W, H), (12, 45, 95), (8, 22, 50))
    nodes = [(rng.randint(80, 1120), rng.randint(120, 600)) for _ in range(26)]
    hub = (600, 340)
    for n_ in nodes:
        c.line([hub, n_], (60, 120, 190), 1)
    for i, a in enumerate(nodes):
        b = nodes[(i * 7 + 3) % len(nodes)]
        c.line([a, b], (40, 90, 150), 1)
    for x, y in nodes:
        r = rng.randint(6, 14)
        c.ellipse(
            (x - r, y - r, x + r, y + r), fill=rng.choice([(90, 200, 255), (255, 200, 80), (120, 230, 170)])
        )
    c.ellipse(
        (hub[0] - 120, hub[1] - 120, hub[0] + 120, hub[1] + 120),
        fill=(25, 90, 170),
        outline=(140, 210, 255),
        width=6,
    )
    c.text(hub, spec["hub"], c.fit_text(spec["hub"], 200, 40), (255, 255, 255), "bold", anchor="mm")
    c.text(
        (W / 2, 60), spec["title"], c.fit_text(spec["title"], 1100, 36), (255, 255, 255), "bold", anchor="mm"
    )
    return c


def scene_classroom(name, spec):
    """Training room: projector screen with a slide, trainer, learners at desks."""
    rng = rng_for(name)
    wall = rng.choice([(226, 234, 242), (238, 232, 220), (230, 238, 230), (240, 232, 232)])
    accent = rng.choice([(22, 86, 150), (0, 110, 90), (150, 30, 40), (96, 60, 140)])
    c = Canvas(wall)
    c.vgradient((0, 0, W, 400), shade(wall, 1.03), shade(wall, 0.9))
    c.vgradient((0, 400, W, H), (185, 175, 160), (140, 130, 115))
    left = rng.random() < 0.5
    sx0 = 120 if left else 480
    sx1 = sx0 + 600
    # projector screen with slide
    c.rect((sx0 - 10, 30, sx1 + 10, 44), fill=(90, 90, 95))
    c.rect((sx0, 44, sx1, 370), fill=(255, 255, 255), outline=(200, 200, 205), width=3)
    c.rect((sx0, 44, sx1, 120), fill=accent)
    y = 66
    for ln in spec["slide"][:2]:
        sz = c.fit_text(ln, sx1 - sx0 - 40, 26)
        c.text(((sx0 + sx1) / 2, y + 4), ln, sz, (255, 255, 255), "bold", anchor="mm")
        y += 30
    yy = 150
    for item in spec["slide"][2:]:
        c.ellipse((sx0 + 40, yy - 6, sx0 + 52, yy + 6), fill=accent)
        c.text(
            (sx0 + 66, yy), item, c.fit_text(item, sx1 - sx0 - 100, 22, "regular"), (40, 40, 50), anchor="lm"
        )
        yy += 46
    # trainer beside the screen, with a small lectern
    tx = sx1 + 110 if left else sx0 - 110
    person(c, tx, 250, 1.0, rng, shirt=UNIFORM)
    c.rect((tx - 55, 300, tx + 55, 420), fill=(120, 85, 60))
    # window on the other side
    wx = 1000 if left else 40
    c.rect((wx, 80, wx + 160, 320), fill=(200, 225, 240), outline=(255, 255, 255), width=8)
    c.line([(wx + 80, 80), (wx + 80, 320)], (255, 255, 255), 5)
    # rows of desks, learners seen from behind
    for r_ in range(3):
        y = 440 + r_ * 80
        sc = 0.8 + 0.15 * r_
        for k in range(6):
            x = 120 + k * 190 + (r_ % 2) * 30 + rng.uniform(-10, 10)
            person(c, x, y, sc, rng, shirt=rng.choice(SHIRTS + [UNIFORM]), facing_front=False)
        c.rect((30, y + 48 * sc, W - 30, y + 70 * sc), fill=(225, 215, 195))
        for k in range(6):
            x = 120 + k * 190 + (r_ % 2) * 30
            if rng.random() < 0.5:
                c.rect((x - 40, y + 30 * sc, x + 40, y + 50 * sc), fill=(60, 65, 75))
    return c


def scene_handover(name, spec):
    """Close view: an officer hands a record to a citizen next to a boundary marker."""
    rng = rng_for(name)
    c = Canvas()
    c.vgradient((0, 0, W, 330), (250, 215, 170), (230, 235, 240))  # soft morning light
    for k, col in enumerate([(150, 170, 160), (110, 145, 115)]):
        pts = [(0, 250 + k * 40)]
        for x in range(0, W + 100, 100):
            pts.append((x, 220 + k * 45 + rng.randint(-40, 30)))
        c.poly(pts + [(W, 360), (0, 360)], fill=col)
    c.vgradient((0, 340, W, H), (140, 170, 90), (100, 130, 60))
    for k in range(10):  # fruit trees in the distance
        x = 60 + k * 120 + rng.uniform(-20, 20)
        c.rect((x - 4, 330, x + 4, 370), fill=(100, 75, 50))
        c.ellipse((x - 35, 285, x + 35, 345), fill=(65, 120, 65))
    # background group
    for k in range(4):
        person(c, 120 + k * 70, 390, 0.6, rng, shirt=rng.choice([UNIFORM, (40, 60, 100)]))
    # big boundary marker in the foreground
    c.rect((930, 330, 990, 620), fill=(235, 235, 230))
    c.rect((930, 330, 990, 380), fill=(210, 40, 40))
    c.text((960, 460), spec.get("marker", "MỐC"), 22, (90, 90, 90), "bold", anchor="mm")
    # officer and citizen
    person(c, 470, 330, 1.7, rng, shirt=UNIFORM)
    person(c, 720, 345, 1.6, rng, shirt=(230, 120, 140))
    c.rect((560, 470, 640, 530), fill=(255, 255, 250), outline=(160, 160, 160), width=2)
    for k in range(4):
        c.rect((570, 482 + k * 11, 630, 486 + k * 11), fill=(170, 170, 175))
    return c


SCENES = {
    "meeting": scene_meeting,
    "award": scene_award,
    "office": scene_office,
    "building": scene_building,
    "land": scene_land,
    "village": scene_village,
    "school": scene_school,
    "chart": scene_chart,
    "progress": scene_progress,
    "screen": scene_screen,
    "documents": scene_documents,
    "document": scene_document,
    "flow": scene_flow,
    "poster": scene_poster,
    "network": scene_network,
    "classroom": scene_classroom,
    "handover": scene_handover,
}

# Every image used by the sample posts: file name (under content/images/tin-tuc/2026/) -> recipe
IMAGES = {
    "chi-tieu-cuoi-nam.png": {
        "scene": "progress",
        "title": "Tiến độ thực hiện chỉ tiêu đến ngày 31/8/2026",
        "rings": [("Về việc", 81.07, (200, 50, 50)), ("Về tiền", 38.6, (230, 150, 30))],
        "trend": "Tiến độ theo tháng",
    },
    "tap-huan-xac-minh.jpg": {
        "scene": "classroom",
        "slide": [
            "KỸ NĂNG XÁC MINH",
            "ĐIỀU KIỆN THI HÀNH ÁN",
            "Xác minh tài sản, quyền sử dụng đất",
            "Xác minh tài khoản, thu nhập",
            "Lập biên bản xác minh",
            "Khai thác dữ liệu dân cư",
        ],
    },
    "dich-vu-cong-truc-tuyen.png": {
        "scene": "screen",
        "screen": "Dịch vụ công trực tuyến",
        "button": "Nộp hồ sơ",
    },
    "tinh-nguyen-vung-cao.jpg": {"scene": "school", "sign": "ĐIỂM TRƯỜNG VÙNG CAO"},
    "cuong-che-giao-dat.jpg": {"scene": "land", "people": 7},
    "ban-giao-dat.jpg": {"scene": "handover", "marker": "MỐC"},
    "so-hoa-ho-so.png": {"scene": "documents", "title": "Số hóa hồ sơ thi hành án"},
    "tiep-cong-dan.jpg": {"scene": "office", "sign": "PHÒNG TIẾP CÔNG DÂN"},
    "ket-qua-nam-2026.png": {
        "scene": "progress",
        "head": (160, 28, 34),
        "title": "Kết quả thi hành án dân sự năm 2026",
        "rings": [("Về việc", 86.5, (22, 120, 70)), ("Về tiền", 46.2, (22, 86, 150))],
        "trend": "Lũy kế theo tháng",
    },
    "bieu-do-ket-qua-2026.png": {
        "scene": "chart",
        "head": (22, 86, 150),
        "title": "So sánh kết quả năm 2025 và năm 2026",
        "groups": [("Về việc", [84.9, 86.5]), ("Về tiền", [43.1, 46.2])],
        "series": ["Năm 2025", "Năm 2026"],
        "colors": [(120, 160, 210), (22, 86, 150)],
    },
    "chuyen-doi-so.png": {
        "scene": "network",
        "title": "Chuyển đổi số trong thi hành án dân sự",
        "hub": "10/10",
    },
    "phoi-hop-cong-an.jpg": {
        "scene": "meeting",
        "rows": 2,
        "banner": [
            "THI HÀNH ÁN DÂN SỰ TỈNH - CÔNG AN TỈNH LẠNG SƠN",
            "HỘI NGHỊ SƠ KẾT QUY CHẾ PHỐI HỢP",
            "BẢO VỆ CƯỠNG CHẾ THI HÀNH ÁN",
        ],
    },
    "dau-gia-tai-san.png": {
        "scene": "document",
        "gavel": True,
        "doc": ["THÔNG BÁO", "Bán đấu giá tài sản thi hành án"],
    },
    "hoi-nghi-tong-ket.jpg": {
        "scene": "meeting",
        "banner": [
            "THI HÀNH ÁN DÂN SỰ TỈNH LẠNG SƠN",
            "HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2026",
            "TRIỂN KHAI NHIỆM VỤ NĂM 2027",
        ],
    },
    "trao-khen-thuong.jpg": {
        "scene": "award",
        "banner": ["THI HÀNH ÁN DÂN SỰ TỈNH LẠNG SƠN", "KHEN THƯỞNG THÀNH TÍCH NĂM 2026"],
    },
    "tuyen-truyen-thon-ban.jpg": {"scene": "village", "sign": "NHÀ VĂN HÓA THÔN"},
    "ngay-phap-luat.png": {
        "scene": "poster",
        "lines": ["HƯỞNG ỨNG", "NGÀY PHÁP LUẬT", "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        "sub": "09/11/2026",
    },
    "tap-huan-luat-2025.jpg": {
        "scene": "classroom",
        "slide": [
            "LUẬT THI HÀNH ÁN DÂN SỰ NĂM 2025",
            "Tập huấn chuyên sâu",
            "Quy định chuyển tiếp",
            "Thông báo, tống đạt văn bản",
            "Xử lý tài sản, thanh toán tiền",
            "Khiếu nại, tố cáo, kiểm tra",
        ],
    },
    "tai-lieu-luat-2025.png": {
        "scene": "document",
        "doc": ["TÀI LIỆU TẬP HUẤN", "Luật Thi hành án dân sự", "năm 2025"],
    },
    "tru-so-thads-tinh.jpg": {"scene": "building", "sign": "THI HÀNH ÁN DÂN SỰ TỈNH LẠNG SƠN"},
    "so-do-yeu-cau-thi-hanh-an.png": {
        "scene": "flow",
        "title": "Các bước yêu cầu thi hành án",
        "steps": [
            "Chuẩn bị đơn và bản án",
            "Chọn cách gửi đơn",
            "Nộp đơn, nhận giấy biên nhận",
            "Nhận quyết định thi hành án",
            "Theo dõi kết quả",
        ],
        "note": "Nộp trực tiếp, qua bưu chính hoặc trên Cổng Dịch vụ công quốc gia",
    },
    "cuoc-thi-tim-hieu-luat.png": {
        "scene": "poster",
        "colors": ((20, 80, 150), (10, 35, 80)),
        "lines": ["CUỘC THI TRỰC TUYẾN", "TÌM HIỂU LUẬT", "THI HÀNH ÁN DÂN SỰ NĂM 2025"],
        "sub": "Từ 07/12/2026 đến 10/01/2027",
    },
}

NEWS_DIR = CONTENT / "news"
OUT_DIR = CONTENT / "images" / "tin-tuc" / "2026"
REF_RE = re.compile(r"images/tin-tuc/2026/([A-Za-z0-9._-]+\.(?:png|jpe?g))")


def referenced_images() -> set[str]:
    names = set()
    for md in NEWS_DIR.rglob("*.md"):
        names.update(REF_RE.findall(md.read_text(encoding="utf-8")))
    return names


def save(img: Image.Image, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".jpg", ".jpeg"):
        img = img.filter(ImageFilter.GaussianBlur(0.6))  # softer, more photo-like
        img.save(path, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        img = img.convert("P", palette=Image.ADAPTIVE, colors=128)
        img.save(path, "PNG", optimize=True)


def draw_emblem(path: Path):
    """Stylised round emblem: gold ring, red disc, yellow five-pointed star, gear and rice."""
    n = 256 * 4
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    gold, red, dark_gold = (246, 196, 34, 255), (205, 22, 30, 255), (200, 145, 20, 255)
    c = n / 2

    # two rice ears curving up both sides of the disc: rotated grains along an arc
    def grain(x, y, ang, length, width):
        ca, sa = math.cos(ang), math.sin(ang)
        pts = []
        for i in range(24):
            t = 2 * math.pi * i / 24
            u, v = length / 2 * math.cos(t), width / 2 * math.sin(t)
            pts.append((x + u * ca - v * sa, y + u * sa + v * ca))
        d.polygon(pts, fill=gold, outline=dark_gold)

    for side in (-1, 1):
        for k in range(12):
            t = math.radians(28 + k * 12)  # angle from the bottom of the disc upwards
            r = n * 0.42
            x = c + side * r * math.sin(t)
            y = c - n * 0.02 + r * math.cos(t)
            tangent = math.atan2(-math.sin(t), side * math.cos(t))
            for off in (-1, 1):
                gx_ = x + off * n * 0.028 * math.cos(tangent + math.pi / 2)
                gy_ = y + off * n * 0.028 * math.sin(tangent + math.pi / 2)
                grain(gx_, gy_, tangent + off * 0.5, n * 0.075, n * 0.034)
    d.ellipse([n * 0.13, n * 0.11, n * 0.87, n * 0.85], fill=gold)
    d.ellipse([n * 0.16, n * 0.14, n * 0.84, n * 0.82], fill=red)
    # star
    cx, cy, rs = c, n * 0.44, n * 0.25
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = rs if i % 2 == 0 else rs * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=gold)
    # gear at the bottom
    gx, gy, gr = c, n * 0.76, n * 0.1
    for i in range(12):
        a = i * math.pi / 6
        d.rectangle(
            [
                gx + gr * 1.05 * math.cos(a) - n * 0.018,
                gy + gr * 1.05 * math.sin(a) - n * 0.018,
                gx + gr * 1.05 * math.cos(a) + n * 0.018,
                gy + gr * 1.05 * math.sin(a) + n * 0.018,
            ],
            fill=gold,
        )
    d.ellipse([gx - gr, gy - gr, gx + gr, gy + gr], fill=gold)
    d.ellipse([gx - gr * 0.45, gy - gr * 0.45, gx + gr * 0.45, gy + gr * 0.45], fill=red)
    # ribbon
    d.rounded_rectangle(
        [n * 0.25, n * 0.86, n * 0.75, n * 0.93], radius=n * 0.02, fill=red, outline=gold, width=6
    )
    img = img.resize((256, 256), Image.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", optimize=True)


def main() -> int:
    missing = sorted(referenced_images() - set(IMAGES))
    if missing:
        print("No drawing recipe for: " + ", ".join(missing), file=sys.stderr)
        return 1
    for fname, spec in IMAGES.items():
        img = SCENES[spec["scene"]](fname, spec).finish()
        out = OUT_DIR / fname
        save(img, out)
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size // 1024} KB")
    emblem = CONTENT / "images" / "site" / "quoc-huy.png"
    draw_emblem(emblem)
    print(f"{emblem.relative_to(ROOT)}  {emblem.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
