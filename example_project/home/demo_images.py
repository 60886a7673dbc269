"""Demo pictures drawn with Pillow at load time, so the demo ships no photo licences."""

import io
import math

from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = {
    "stretch": ((0, 96, 107), (178, 223, 219), (255, 214, 153)),
    "spine": ((38, 70, 83), (233, 196, 106), (244, 162, 97)),
    "knee": ((42, 157, 143), (231, 111, 81), (250, 243, 221)),
}


def draw_demo_image(kind, width=1200, height=800):
    """Return PNG bytes of a simple abstract illustration in the named palette."""
    back, mid, front = PALETTES[kind]
    canvas = PILImage.new("RGB", (width, height), back)
    draw = ImageDraw.Draw(canvas)
    for i in range(height):
        # A soft vertical gradient from the back colour towards the middle one.
        t = i / height
        colour = tuple(
            int(b + (m - b) * t * 0.6) for b, m in zip(back, mid, strict=True)
        )
        draw.line([(0, i), (width, i)], fill=colour)
    # A curve of discs suggesting vertebrae or a moving limb.
    for n in range(9):
        angle = math.pi * (0.15 + n * 0.085)
        x = width * 0.5 + math.cos(angle) * width * 0.32
        y = height * 0.9 - math.sin(angle) * height * 0.65
        r = 38 - n * 2
        draw.ellipse([x - r, y - r, x + r, y + r], fill=front, outline=mid, width=6)
    draw.rectangle([0, height * 0.88, width, height], fill=mid)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()
