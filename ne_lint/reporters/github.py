"""GitHub Actions workflow commands: annotations on the pull request's changed lines.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`; warnings are
`::warning`, infos `::notice`. Property values and messages are escaped as the runner expects
(%, CR, LF; and , : in properties).
"""
from __future__ import annotations

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(results, **kw) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            props = [f"file={_prop(f.path)}", f"line={f.line}", f"col={f.column}"]
            if f.end_line == f.line:
                props.append(f"endColumn={f.end_column}")
            else:
                props.append(f"endLine={f.end_line}")
            props.append(f"title={_prop(f.rule)}")
            message = f.message + (f" — {f.suggestion}" if f.suggestion else "")
            lines.append(f"::{LEVEL[f.severity]} {','.join(props)}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
