"""brand-generic: a brand paired with the wrong generic ("Inderal (metoprolol)").

Pairs are recognised in the forms articles use: "BRAND (GENERIC)", "GENERIC (BRAND)",
"BRAND (generic name: GENERIC)", "GENERIC, sold as BRAND", "BRAND, the brand name for
GENERIC", "BRAND, or GENERIC". The fact file says which generic each brand contains; a
combination product matches any of its ingredients, and a brand listed for one drug in one
country and another elsewhere matches either.
"""
from __future__ import annotations

import re
from typing import Iterable

from ne_lint.checks.base import Check, CheckContext
from ne_lint.finding import FactRef, Finding
from ne_lint.nlp import AnalyzedBlock, AnalyzedDocument, Mention

PAREN = re.compile(r"^\s*\(\s*(?:(?:generic|brand|trade)(?:\s+name)?s?\s*[:,]?\s*|(?:also\s+)?(?:sold|marketed|known)\s+as\s+|e\.g\.,?\s*|i\.e\.,?\s*)?$", re.I)
PAREN_CLOSE = re.compile(r"^\s*(?:\)|,|/|;|\sand\s|\sor\s)")
APPOSED = re.compile(
    r"^\s*,?\s*(?:(?:which\s+is\s+|also\s+)?(?:sold|marketed|available)\s+(?:as|under(?:\s+the)?(?:\s+brand)?(?:\s+names?)?)\s+|"
    r"(?:the\s+|a\s+)?(?:brand|trade)(?:\s+name)?(?:\s+version)?\s+(?:for|of)\s+|"
    r"(?:the\s+)?generic\s+(?:name\s+)?(?:for|of)\s+|"
    r"(?:which\s+is\s+|is\s+)?(?:the\s+)?(?:brand[- ]name\s+)?(?:version|form)\s+of\s+|"
    r"or\s+|also\s+known\s+as\s+|brand\s+name\s+|(?:which\s+is\s+)?(?:known|sold|marketed|available)\s+(?:by|under)\s+the\s+(?:brand|trade)\s+names?\s+|"
    r"(?:brand|trade)\s+names?\s*:?\s*|(?:also\s+)?called\s+)$", re.I)
_ISOMER = re.compile(r"^(?:dextro|dex|levo|lev|es|ar|des|r-|s-)")


class BrandGenericCheck(Check):
    id = "brand-generic"
    severity = "error"
    summary = "A brand paired with a generic it does not contain."
    doc = """\
## What it does
Checks brand–generic pairs against the fact file: "Inderal (propranolol)" is right,
"Inderal (metoprolol)" is not; so are "metoprolol (Inderal)", "Lexapro, the brand name for
fluoxetine" and "fluoxetine, sold as Zoloft". Combination products match any ingredient
(Adderall contains dextroamphetamine), and a brand name that differs by country matches the drug
it names anywhere.

## Why is this bad?
A reader who looks up the brand in the box finds a different drug from the one the article
describes: a dosing or interaction error waiting to happen.

## Example
```
Commonly prescribed beta-blockers include Inderal (metoprolol).
```

## How to fix
Pair the brand with its generic: Inderal (propranolol), or Lopressor (metoprolol).
"""

    def run(self, doc: AnalyzedDocument, ctx: CheckContext) -> Iterable[Finding]:
        for ab in doc.blocks:
            drugs = [m for m in ab.mentions if m.reading("drug")]
            text = ab.block.text
            pairs: list[tuple[Mention, Mention]] = []
            for a, b in zip(drugs, drugs[1:]):
                between = text[a.end_char:b.start_char]
                after = text[b.end_char:b.end_char + 8]
                if (PAREN.match(between) and PAREN_CLOSE.match(after)) or APPOSED.match(between):
                    pairs.append((a, b))
            # "sertraline (Zoloft, Lustral)": every name in the parentheses pairs with the one before
            for outer in drugs:
                m = re.match(r"\s*\(([^()]{1,120})\)", text[outer.end_char:])
                if not m:
                    continue
                lo, hi = outer.end_char + m.start(1), outer.end_char + m.end(1)
                inner = [d for d in drugs if lo <= d.start_char and d.end_char <= hi]
                pairs.extend((outer, d) for d in inner[1:])
            seen = set()
            for a, b in pairs:
                if (a.start, b.start) in seen:
                    continue
                seen.add((a.start, b.start))
                ra, rb = a.reading("drug"), b.reading("drug")
                roles = {ra[1], rb[1]}
                if "brand" not in roles or roles == {"brand"}:
                    continue
                brand, generic = (a, b) if ra[1] == "brand" else (b, a)
                f = self._judge(ab, brand, generic, ctx)
                if f:
                    yield f

    def _judge(self, ab: AnalyzedBlock, brand: Mention, generic: Mention, ctx: CheckContext) -> Finding | None:
        facts = ctx.facts
        brand_ids = facts.drugs_with_brand(brand.text) or {brand.reading("drug")[0]}
        generic_id = generic.reading("drug")[0]
        for bid in brand_ids:
            drug = facts.drugs[bid]
            if generic_id == bid or generic_id in drug.ingredients:
                return None
        brand_drug = facts.drugs[sorted(brand_ids)[0]]
        gen = facts.drugs[generic_id]
        contains = brand_drug.name
        if brand_drug.ingredients:
            contains = " and ".join(facts.drugs[i].name for i in brand_drug.ingredients if i in facts.drugs)
        related = _isomers(brand_drug.name, gen.name)
        note = (f"; {brand_drug.name} and {gen.name} are related but different drugs" if related else "")
        # which side to fix is a judgement (the brand or the generic may be the slip): suggest both
        sources = list(brand_drug.sources) + [s for s in gen.sources if s not in brand_drug.sources]
        start = min(brand.start_char, generic.start_char)
        end = max(brand.end_char, generic.end_char)
        other_brands = [b.name for b in gen.brands if not b.regions][:2] or [b.name for b in gen.brands][:2]
        return self.finding(
            ab, start, end,
            f"{brand.text} is {contains}, not {generic.text}{note}",
            severity="warning" if related else "error",
            suggestion=f"write {brand.text} ({contains})"
            + (f", or {generic.text} ({', '.join(other_brands)})" if other_brands else ""),
            fact=FactRef(brand_drug.id, "drugs", sources))


def _isomers(a: str, b: str) -> bool:
    """dexmethylphenidate/methylphenidate, escitalopram/citalopram: one is the other's isomer or metabolite."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return long.endswith(short) and bool(_ISOMER.match(long[: len(long) - len(short)]))
