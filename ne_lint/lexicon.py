"""The broad lexicons behind drug-name spelling: English word frequencies and ~107,000 drug names.

- English: `wordfreq` (Apache-2.0) gives how common a word is; a common word is never a drug
  misspelling ("resin" is not "renin"), and a brand that is also a common word ("Aleve",
  "Bayer") only counts as a brand when capitalised.
- Drugs: `drug-named-entity-recognition` (MIT) ships DrugBank/MeSH/MedlinePlus name variants:
  generics, brands and international names. A word found there is a real name somewhere and
  is never called a misspelling (Lopresor, Efexor, salbutamol). The curated fact file stays the
  authority for display names and for names this dictionary lacks.

Loading both takes about a second, too slow for a pre-commit hook, so what ne-lint needs is
compiled once into a pickle in the user cache (`$NE_LINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/ne-lint`, else `~/.cache/ne-lint`), keyed by the two packages' versions.
The package is read from its data file directly: importing it would also read and write an
OMOP cache in the home folder.
"""
from __future__ import annotations

import bz2
import importlib.metadata
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ne_lint.facts.model import Facts

FORMAT_VERSION = 3
COMMON_ZIPF = 3.5  # at or above: an everyday English word


def phonetic_key(word: str) -> str:
    """A spelling-insensitive key: 'Levofed' and 'Levophed' share one ('lefofed' → 'lefofet')."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for a, b in (("ph", "f"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("y", "i"), ("z", "s"),
                 ("th", "t"), ("ae", "e"), ("oe", "e"), ("v", "f"), ("w", "u")):
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = w.replace("c", "k")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(?<=.)h", "", w)  # silent h after a letter: "rh", "th" leftovers
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    w = re.sub(r"d$", "t", w)
    return w


@dataclass
class Lexicon:
    zipf10: dict[str, int]  # word → 10 × Zipf frequency
    drug_variants: dict[str, str]  # lower-cased name → canonical (DrugNER)
    brand_variants: set[str]
    canonical_display: dict[str, str]
    phonetic: dict[str, list[str]]  # phonetic key → lower-cased DrugNER names
    fact_names: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # lower → (drug id, role, display)
    fact_phonetic: dict[str, list[str]] = field(default_factory=dict)
    regional_names: set[str] = field(default_factory=set)  # brands sold only in some countries

    def zipf(self, word: str) -> float:
        return self.zipf10.get(word.lower(), 0) / 10

    @property
    def brand_guard_words(self) -> set[str]:
        return {w for w, z in self.zipf10.items() if z >= COMMON_ZIPF * 10}

    def is_drug_name(self, word: str) -> bool:
        w = word.lower()
        return w in self.fact_names or w in self.drug_variants

    def canonical(self, name: str) -> str | None:
        """DrugNER's canonical ingredient for a name, without its '(cardiovascular)' qualifier."""
        c = self.drug_variants.get(name.lower())
        return re.sub(r"\s*\(.*?\)\s*$", "", c) if c else None

    @property
    def sorted_fact_names(self) -> list[str]:
        """The fact file's lower-cased names in a stable order, for fuzzy matching (sorted once)."""
        if getattr(self, "_sorted_for", None) is not self.fact_names:
            self._sorted = sorted(self.fact_names)
            self._sorted_for = self.fact_names
        return self._sorted

    def names_starting(self, prefix: str) -> list[str]:
        """Single-word lexicon names of six letters or more that begin with `prefix` (two letters):
        the candidates for a one-edit spelling match, indexed on first use."""
        if not hasattr(self, "_by_prefix"):
            index: dict[str, list[str]] = {}
            for variant in self.drug_variants:
                if variant.isalpha() and len(variant) >= 6:
                    index.setdefault(variant[:2], []).append(variant)
            self._by_prefix = index
        return self._by_prefix.get(prefix, [])

    def add_facts(self, facts: Facts) -> None:
        self.fact_names = {}
        self.fact_phonetic = {}
        self.regional_names = {b.name.lower() for d in facts.drugs.values() for b in d.brands if b.regions}
        for d in facts.drugs.values():
            entries = [(n, "generic") for n in d.generic_names] + [(b.name, "brand") for b in d.brands]
            for name, role in entries:
                self.fact_names.setdefault(name.lower(), (d.id, role, name))
                self.fact_phonetic.setdefault(phonetic_key(name), []).append(name.lower())


def cache_dir() -> Path:
    if os.environ.get("NE_LINT_CACHE_DIR"):
        return Path(os.environ["NE_LINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ne-lint"


def _versions() -> str:
    parts = [str(FORMAT_VERSION)]
    for dist in ("wordfreq", "drug-named-entity-recognition"):
        try:
            parts.append(importlib.metadata.version(dist))
        except importlib.metadata.PackageNotFoundError:
            parts.append("none")
    return "-".join(parts)


def _compile() -> dict:
    zipf10: dict[str, int] = {}
    try:
        from wordfreq import get_frequency_dict

        import math

        for word, freq in get_frequency_dict("en", "large").items():
            z = int(round((math.log10(freq) + 9) * 10))
            if z > 0 and word.isalpha():
                zipf10[word] = z
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    variants: dict[str, str] = {}
    brands: set[str] = set()
    display: dict[str, str] = {}
    try:
        import importlib.util

        spec = importlib.util.find_spec("drug_named_entity_recognition")
        if spec and spec.origin:
            data_file = Path(spec.origin).parent / "drug_ner_dictionary.pkl.bz2"
            with bz2.open(data_file, "rb") as fh:
                data = pickle.load(fh)  # noqa: S301 - the package's own data file
            for variant, canon in data["drug_variant_to_canonical"].items():
                if canon:
                    variants[variant.lower()] = canon[0]
            for variant, meta in data["drug_variant_to_variant_data"].items():
                if meta and meta.get("is_brand"):
                    brands.add(variant.lower())
            for canon, meta in data["drug_canonical_to_data"].items():
                display[canon] = meta.get("name", canon)
    except (ImportError, OSError, KeyError, pickle.UnpicklingError):  # pragma: no cover
        pass
    phonetic: dict[str, list[str]] = {}
    for variant in variants:
        if variant.isalpha() and len(variant) >= 5:
            phonetic.setdefault(phonetic_key(variant), []).append(variant)
    return {"zipf10": zipf10, "drug_variants": variants, "brand_variants": brands,
            "canonical_display": display, "phonetic": phonetic}


_loaded: dict[str, Lexicon] = {}


def load_lexicon(facts: Facts | None = None) -> Lexicon:
    """The compiled lexicon, from the user cache when it is there, compiled and saved when not."""
    key = _versions()
    if key not in _loaded:
        path = cache_dir() / f"lexicon-{key}.pickle"
        data = None
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)  # noqa: S301 - written by ne-lint itself
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            data = None
        if data is None:
            data = _compile()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only home: compile each run, slower but correct
        _loaded[key] = Lexicon(**data)
    lexicon = _loaded[key]
    if facts is not None:
        lexicon.add_facts(facts)
    return lexicon
