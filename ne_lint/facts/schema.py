"""The JSON Schema of a fact file (see rules/README.md for what each field means).

Kept as data so `ne-lint facts check` reports wrong types and unknown keys the same way for the
shipped file and for a user's own, with the line of the offending value.
"""
from __future__ import annotations

ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
NAME = {"type": "string", "minLength": 1}
NAMES = {"type": "array", "items": NAME}
IDS = {"type": "array", "items": ID}
SOURCES = {"type": "array", "items": NAME, "minItems": 1}
BRAND = {
    "anyOf": [
        NAME,
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {"name": NAME, "regions": NAMES, "note": {"type": "string"}},
        },
    ]
}


def _entry(required: list[str], properties: dict) -> dict:
    props = {"id": ID, "sources": SOURCES, "note": {"type": "string"}}
    props.update(properties)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "sources", *required],
        "properties": props,
    }


USES = {
    "indications": IDS,
    "off_label": IDS,
    "contraindications": IDS,
    "wrong_uses": IDS,
}

DRUG = _entry(["name"], {
    "name": NAME,
    "synonyms": NAMES,
    "brands": {"type": "array", "items": BRAND},
    "ingredients": IDS,
    "classes": IDS,
    "described_as": IDS,
    "atc": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z][0-9]{2}[A-Z]{0,2}[0-9]{0,2}$"}},
    **USES,
})

DRUG_CLASS = _entry(["name", "names"], {
    "name": NAME,
    "names": NAMES,
    "parents": IDS,
    "member_if_indicated_for": IDS,
    "atc": {"type": "array", "items": {"type": "string"}},
    **USES,
})

CONDITION = _entry(["name"], {
    "name": NAME,
    "names": NAMES,
    "parents": IDS,
})

ABBREVIATION = _entry(["short", "expansions"], {
    "short": {"type": "string", "minLength": 2, "maxLength": 12},
    "expansions": {"type": "array", "items": NAME, "minItems": 1},
    "foreign": NAMES,
    "foreign_if_translated": NAMES,
    "topics": IDS,
})

TERM = _entry(["wrong", "right"], {
    "wrong": {"type": "array", "items": NAME, "minItems": 1},
    "right": NAME,
    "languages": NAMES,
    "explanation": {"type": "string"},
    "wrong_if_near": NAMES,
    "fine_if_near": NAMES,
    "not_followed_by": NAMES,
    "fix": {"type": "boolean"},
})

UNIT = _entry(["symbol", "names", "dimension", "factor"], {
    "symbol": NAME,
    "names": NAMES,
    "dimension": NAME,
    "factor": {"type": "number", "exclusiveMinimum": 0},
})

ANALYTE = _entry(["names"], {
    "name": NAME,
    "names": NAMES,
    "molar_mass": {"type": "number", "exclusiveMinimum": 0},
})

RANGE = _entry(["analyte", "specimen", "unit", "low", "high"], {
    "analyte": ID,
    "specimen": {"enum": ["plasma", "serum", "blood", "urine", "urine-24h", "stool", "vital"]},
    "context": {"type": "string"},
    "unit": ID,
    "low": {"type": "number"},
    "high": {"type": "number"},
    "tolerance": {"type": "number", "minimum": 0, "maximum": 1},
})

BOILERPLATE = _entry(["kind", "message"], {
    "kind": {"enum": ["image-credit", "related-block", "teaser", "publisher"]},
    "phrases": NAMES,
    "regex": NAMES,
    "scope": {"enum": ["any", "heading", "block-end", "line"]},
    "message": NAME,
})

DOSE = _entry(["drug", "unit", "low", "high"], {
    "drug": ID,
    "route": {"type": "string"},
    "unit": ID,
    "low": {"type": "number", "exclusiveMinimum": 0},
    "high": {"type": "number", "exclusiveMinimum": 0},
    "schedule": {"enum": ["weekly"]},
    "rate": {"enum": ["per-kg-per-minute"]},
    "route_cues": NAMES,
})

SECTIONS = {
    "drugs": DRUG,
    "classes": DRUG_CLASS,
    "conditions": CONDITION,
    "abbreviations": ABBREVIATION,
    "terms": TERM,
    "units": UNIT,
    "analytes": ANALYTE,
    "ranges": RANGE,
    "boilerplate": BOILERPLATE,
    "doses": DOSE,
}

FACT_FILE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {name: {"type": "array", "items": schema} for name, schema in SECTIONS.items()},
}
