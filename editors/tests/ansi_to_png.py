#!/usr/bin/env python3
"""Renders a terminal capture with ANSI colours (`tmux capture-pane -e -p`) to a PNG.

    python3 ansi_to_png.py CAPTURE.txt OUT.png [--cols N] [--rows N] [--font-size PX]

It understands the SGR codes a terminal editor sends: reset, bold, dim,
italic, underline, reverse, the 16 colours, 256 colours (38;5;N / 48;5;N)
and truecolor (38;2;R;G;B / 48;2;R;G;B), for foreground and background.
Wide characters take two cells. The font is DejaVu Sans Mono (Debian:
fonts-dejavu-core); Pillow draws it. Cells with the terminal's default
colours get a dark background.
"""
import argparse
import re
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
    "/Library/Fonts",
]
DEFAULT_FG = (224, 226, 234)
DEFAULT_BG = (20, 22, 27)
# xterm's 16 colours, a little softened for a dark background.
BASE16 = [
    (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16),
    (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
    (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
    (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-ln-z]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>])")


def color_256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
    level = 8 + (n - 232) * 10
    return level, level, level


def find_font(name):
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return str(path)
    raise SystemExit(f"font {name} not found (apt-get install fonts-dejavu-core)")


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def copy(self):
        other = Style()
        for slot in self.__slots__:
            setattr(other, slot, getattr(self, slot))
        return other

    def apply(self, params):
        codes = [int(p) if p.isdigit() else 0 for p in re.split(r"[;:]", params)] if params else [0]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                self.reset()
            elif code == 1:
                self.bold = True
            elif code == 2:
                self.dim = True
            elif code == 3:
                self.italic = True
            elif code in (4, 21):
                self.underline = True
            elif code == 7:
                self.reverse = True
            elif code == 22:
                self.bold = self.dim = False
            elif code == 23:
                self.italic = False
            elif code == 24:
                self.underline = False
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.fg = BASE16[code - 30]
            elif 90 <= code <= 97:
                self.fg = BASE16[code - 90 + 8]
            elif 40 <= code <= 47:
                self.bg = BASE16[code - 40]
            elif 100 <= code <= 107:
                self.bg = BASE16[code - 100 + 8]
            elif code == 39:
                self.fg = None
            elif code == 49:
                self.bg = None
            elif code in (38, 48, 58) and i + 1 < len(codes):
                color = None
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    color, i = color_256(codes[i + 2]), i + 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    color, i = tuple(codes[i + 2:i + 5]), i + 4
                if code == 38:
                    self.fg = color
                elif code == 48:
                    self.bg = color
            i += 1


def cell_width(char):
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def parse(text, cols, rows):
    """Returns rows of cells: (char, Style) or None for the second half of a wide char."""
    grid = []
    for line in text.split("\n")[:rows]:
        line = OTHER_ESCAPE.sub("", line)
        style = Style()
        cells = []
        pos = 0
        for match in SGR.finditer(line + "\x1b[m"):
            for char in line[pos:match.start()]:
                if char == "\t":
                    char = " "
                width = cell_width(char)
                if width == 0 or ord(char) < 32:
                    continue
                cells.append((char, style.copy()))
                if width == 2:
                    cells.append(None)
            style.apply(match.group(1))
            pos = match.end()
        grid.append(cells[:cols])
    while len(grid) < rows:
        grid.append([])
    return grid


def render(grid, cols, rows, font_size, out):
    regular = ImageFont.truetype(find_font("DejaVuSansMono.ttf"), font_size)
    bold = ImageFont.truetype(find_font("DejaVuSansMono-Bold.ttf"), font_size)
    ascent, descent = regular.getmetrics()
    cw = round(regular.getlength("M"))
    ch = ascent + descent + 2
    pad = cw
    image = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for y, cells in enumerate(grid):
        # Extend the last cell's background to the right edge, as a terminal does
        # after an erase-to-end-of-line with a background colour set.
        for x, cell in enumerate(cells):
            if cell is None:
                continue
            char, style = cell
            fg, bg = style.fg or DEFAULT_FG, style.bg or DEFAULT_BG
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = tuple((c + b) // 2 for c, b in zip(fg, bg))
            width = 2 if x + 1 < len(cells) and cells[x + 1] is None else 1
            left, top = pad + x * cw, pad + y * ch
            if bg != DEFAULT_BG:
                draw.rectangle([left, top, left + width * cw - 1, top + ch - 1], fill=bg)
            if char != " ":
                draw.text((left, top + 1), char, font=bold if style.bold else regular, fill=fg)
            if style.underline:
                draw.line([left, top + ch - 2, left + width * cw - 1, top + ch - 2], fill=fg)
    # A palette image is much smaller and loses nothing visible here.
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture")
    parser.add_argument("out")
    parser.add_argument("--cols", type=int, default=110)
    parser.add_argument("--rows", type=int, default=32)
    parser.add_argument("--font-size", type=int, default=15)
    args = parser.parse_args()
    text = Path(args.capture).read_text(encoding="utf-8", errors="replace")
    render(parse(text, args.cols, args.rows), args.cols, args.rows, args.font_size, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
