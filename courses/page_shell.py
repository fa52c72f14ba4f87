"""Pages the same for every reader but for a few values of their own, rendered once per content generation.

A pupil's slide that asks nothing of them (text, a video, a key message) is the same page for
every pupil on it but for the form token, their first name on the sign-out button and the
assignment's id in its links. Rendering that page (the base layout, header, footer, slide) is
most of what such a request costs, so it is rendered once with *stand-ins* in place of those
values and kept with the content (``courses.content_cache.remembered``); each request only fills
in its own values.

Stand-ins are made from a random token chosen when the process starts, so no content (which an
editor could write) can contain one. The shell is rendered with stand-ins only, never with a
reader's value, so what is kept can hold nothing about anyone.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from courses.content_cache import remembered

_TOKEN = secrets.token_hex(8)
# Ids in links must be digits (the URL patterns take <int:...>): a random 16-digit base.
_ID_BASE = (10**15 + secrets.randbelow(9 * 10**15)) * 100
_names: dict[str, str] = {}  # a stand-in's text -> the name of the value it stands for


def stand_in(name: str) -> str:
    """The text standing in for the value ``name`` (letters and underscores) in a shell."""
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"A stand-in's name is lower-case letters and underscores, not {name!r}.")
    text = f"Z{_TOKEN}{name}Z"
    _names[text] = name
    return text


def stand_in_id(name: str) -> int:
    """The number standing in for the id ``name`` in a shell's links."""
    for text, known in _names.items():
        if known == name and text.isdigit():
            return int(text)
    number = _ID_BASE + sum(text.isdigit() for text in _names)
    _names[str(number)] = name
    return number


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its stand-ins: ``pieces`` with ``names[i]``'s value between
    ``pieces[i]`` and ``pieces[i + 1]``."""

    pieces: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def cut(cls, html: str) -> Shell:
        pattern = re.compile("|".join(re.escape(text) for text in sorted(_names, key=len, reverse=True)))
        pieces: list[str] = []
        names: list[str] = []
        start = 0
        for found in pattern.finditer(html) if _names else ():
            pieces.append(html[start : found.start()])
            names.append(_names[found.group()])
            start = found.end()
        pieces.append(html[start:])
        return cls(tuple(pieces), tuple(names))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with each stand-in replaced by its value (already escaped for HTML)."""
        out = [self.pieces[0]]
        for name, piece in zip(self.names, self.pieces[1:], strict=True):
            out.append(values[name])
            out.append(piece)
        return "".join(out)


def kept_shell(parts: tuple, render: Callable[[], str]) -> Shell:
    """The shell ``render()`` gives (rendered with stand-ins only), kept under ``parts``, which
    must name the revision of everything it shows, until the content generation changes."""
    return remembered(("page-shell", *parts), lambda: Shell.cut(render()))
