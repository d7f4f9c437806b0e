"""Token-sequence look-up for the fact file's names: what spaCy's PhraseMatcher does, as dicts.

Why not the PhraseMatcher: a pre-commit hook lints one article per process, and unpickling
three PhraseMatchers re-adds every pattern, creating a lexeme per pattern word — about 0.4 s,
more than the article's own analysis. These dicts of token hashes (the same 64-bit hashes spaCy
puts in `Doc.to_array`, stable across processes) unpickle in a few milliseconds and find the same
matches: every (pattern, start, end) whose tokens equal the text's tokens, overlaps included.

The look-up is one dict probe per token (its first-token table); only a token that starts some
pattern tries the pattern lengths that start with it.
"""
from __future__ import annotations

from typing import Iterable, Sequence


class PhraseIndex:
    """Patterns are sequences of token hashes (one attribute: LOWER or ORTH); each maps to the ids
    that were added with it."""

    def __init__(self) -> None:
        self._lengths: dict[int, tuple[int, ...]] = {}  # first token → pattern lengths, longest first
        self._phrases: dict[tuple[int, ...], tuple[int, ...]] = {}  # token hashes → match ids

    def __len__(self) -> int:
        return len(self._phrases)

    def add(self, match_id: int, patterns: Iterable[Sequence[int]]) -> None:
        for pattern in patterns:
            tokens = tuple(pattern)
            if not tokens:
                continue
            ids = self._phrases.get(tokens, ())
            if match_id not in ids:
                self._phrases[tokens] = ids + (match_id,)
            lengths = set(self._lengths.get(tokens[0], ())) | {len(tokens)}
            self._lengths[tokens[0]] = tuple(sorted(lengths, reverse=True))

    def find(self, hashes: Sequence[int]) -> list[tuple[int, int, int]]:
        """(match id, start, end) for every pattern occurrence in the token hashes, by start."""
        out: list[tuple[int, int, int]] = []
        lengths_of = self._lengths.get
        phrases = self._phrases
        n = len(hashes)
        for i, h in enumerate(hashes):
            lengths = lengths_of(h)
            if lengths is None:
                continue
            for length in lengths:
                if i + length > n:
                    continue
                ids = phrases.get(tuple(hashes[i:i + length]) if length > 1 else (h,))
                if ids:
                    out.extend((match_id, i, i + length) for match_id in ids)
        return out
