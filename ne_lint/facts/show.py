"""`ne-lint facts show TERM`: what the fact file says about a name, in plain words, with sources."""
from __future__ import annotations

from ne_lint.facts.model import Facts


def _names(ids, table) -> str:
    return ", ".join(getattr(table.get(i), "name", i) for i in ids) or "—"


def show(facts: Facts, term: str) -> str:
    t = term.strip().lower()
    parts = []
    for d in facts.drugs.values():
        names = [n.lower() for n in d.generic_names] + [b.name.lower() for b in d.brands]
        if t in names or t == d.id:
            classes = sorted(facts.drug_class_ids(d.id), key=lambda c: facts.class_display(c))
            brands = ", ".join(b.name + (f" ({', '.join(b.regions)})" if b.regions else "") for b in d.brands)
            parts.append("\n".join([
                f"drug {d.id}: {d.name}" + (f" (also {', '.join(d.synonyms)})" if d.synonyms else ""),
                f"  brands: {brands or '—'}",
                *( [f"  ingredients: {_names(d.ingredients, facts.drugs)}"] if d.ingredients else []),
                f"  classes: {', '.join(facts.class_display(c) for c in classes) or '—'}",
                *( [f"  also described as: {', '.join(facts.class_display(c) for c in d.described_as)}"]
                   if d.described_as else []),
                f"  indications: {_names(d.indications, facts.conditions)}",
                f"  off-label: {_names(d.off_label, facts.conditions)}",
                f"  contraindications: {_names(d.contraindications, facts.conditions)}",
                f"  not used for: {_names(d.wrong_uses, facts.conditions)}",
                *( [f"  ATC: {', '.join(d.atc)}"] if d.atc else []),
                *(f"  usual dose{' (' + x.route + ')' if x.route else ''}: {x.low:g}–{x.high:g} "
                  f"{facts.units[x.unit].symbol if x.unit in facts.units else x.unit}  [{'; '.join(x.sources)}]"
                  for x in facts.doses_of(d.id)),
                *( [f"  note: {d.note}"] if d.note else []),
                "  sources:", *(f"    - {s}" for s in d.sources),
                f"  defined at {d.origin}",
            ]))
    for c in facts.classes.values():
        if t in [n.lower() for n in (c.name, *c.names)] or t == c.id:
            members = sorted(facts.drugs[m].name for m in facts.class_members(c.id))
            parts.append("\n".join([
                f"class {c.id}: {c.name} (names: {', '.join(c.names)})",
                f"  broader: {', '.join(facts.class_display(p) for p in c.parents) or '—'}",
                f"  members: {', '.join(members) or '—'}",
                f"  indications: {_names(c.indications, facts.conditions)}",
                f"  off-label: {_names(c.off_label, facts.conditions)}",
                f"  contraindications: {_names(c.contraindications, facts.conditions)}",
                f"  not used for: {_names(c.wrong_uses, facts.conditions)}",
                "  sources:", *(f"    - {s}" for s in c.sources),
                f"  defined at {c.origin}",
            ]))
    for c in facts.conditions.values():
        if t in [n.lower() for n in (c.name, *c.names)] or t == c.id:
            treated_by = sorted(d.name for d in facts.drugs.values()
                                if c.id in d.indications or c.id in d.off_label)
            parts.append("\n".join([
                f"condition {c.id}: {c.name} (names: {', '.join(c.names) or '—'})",
                f"  broader: {_names(c.parents, facts.conditions)}",
                f"  drugs used for it: {', '.join(treated_by) or '—'}",
                "  sources:", *(f"    - {s}" for s in c.sources),
                f"  defined at {c.origin}",
            ]))
    for a in facts.abbreviations.values():
        if t == a.short.lower() or t == a.id:
            parts.append("\n".join([f"abbreviation {a.short}: {'; '.join(a.expansions)}",
                                    "  sources:", *(f"    - {s}" for s in a.sources), f"  defined at {a.origin}"]))
    for term_entry in facts.terms.values():
        if t in [w.lower() for w in term_entry.wrong] or t == term_entry.id:
            parts.append("\n".join([
                f"term {term_entry.id}: '{' / '.join(term_entry.wrong)}' → {term_entry.right}",
                f"  {term_entry.explanation}",
                f"  wrong near: {', '.join(term_entry.wrong_if_near) or 'anywhere'}",
                f"  fine near: {', '.join(term_entry.fine_if_near) or '—'}",
                "  sources:", *(f"    - {s}" for s in term_entry.sources), f"  defined at {term_entry.origin}"]))
    for an in facts.analytes.values():
        if t in [n.lower() for n in an.names] or t == an.id:
            lines = [f"analyte {an.id}: {', '.join(an.names)}"]
            for r in facts.ranges.values():
                if r.analyte == an.id:
                    unit = facts.units.get(r.unit)
                    lines.append(f"  {r.specimen} {r.context}: {r.low:g}–{r.high:g} {unit.symbol if unit else r.unit}"
                                 f"  [{'; '.join(r.sources)}]")
            parts.append("\n".join(lines))
    return "\n\n".join(parts)
